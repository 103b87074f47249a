/**
 * The neighborhood itself: one deployment holds exactly one, stored as a
 * single item and edited by admins on the settings page. Writes check a
 * version so two admins never overwrite each other silently. Until the
 * first save, pages use neutral defaults.
 */
import { conditionally, VersionConflict } from './conditional';
import {
  type Neighborhood,
  neighborhoodKey,
  toNeighborhood,
} from '../../core/records/neighborhood';
import type { Dynamo } from './dynamo';

/** Another admin saved the settings since they were read; `current` is what is stored now. */
export class NeighborhoodVersionConflict extends VersionConflict<Neighborhood> {}

export async function getNeighborhood(db: Dynamo): Promise<Neighborhood> {
  return toNeighborhood(await db.get(neighborhoodKey));
}

/**
 * Saves settings if nobody saved since `expectedVersion` was read; otherwise
 * throws `NeighborhoodVersionConflict` with what is stored now.
 */
export async function saveNeighborhood(
  db: Dynamo,
  next: Omit<Neighborhood, 'version'>,
  expectedVersion: number,
): Promise<Neighborhood> {
  const saved = { ...next, version: expectedVersion + 1 };
  const put = await conditionally(
    db.put(
      { ...neighborhoodKey, ...saved, updatedAt: new Date().toISOString() },
      expectedVersion === 0
        ? {
            condition: 'attribute_not_exists(pk) OR #version = :version',
            names: { '#version': 'version' },
            values: { ':version': 0 },
          }
        : {
            condition: '#version = :version',
            names: { '#version': 'version' },
            values: { ':version': expectedVersion },
          },
    ),
  );
  if (!put.written) throw new NeighborhoodVersionConflict(await getNeighborhood(db));
  return saved;
}
