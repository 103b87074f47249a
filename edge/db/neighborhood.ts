/**
 * The neighborhood itself: one deployment holds exactly one, stored as a
 * single item and edited by admins on the settings page. Writes check a
 * version so two admins never overwrite each other silently. Until the
 * first save, pages use neutral defaults.
 */
import { conditionally, VersionConflict } from './conditional';
import type { Dynamo } from './dynamo';

export type DirectoryVisibility = 'public' | 'members';
export type JoinPolicy = 'open' | 'approval' | 'invitation';

export interface Neighborhood {
  name: string;
  description: string;
  /** A longer welcome, shown on the front page. */
  welcome: string;
  /** Where it is, in the neighbors' own words. */
  location: string;
  directoryVisibility: DirectoryVisibility;
  joinPolicy: JoinPolicy;
  /** How many sites each member may have. */
  siteLimit: number;
  version: number;
}

/** Another admin saved the settings since they were read; `current` is what is stored now. */
export class NeighborhoodVersionConflict extends VersionConflict<Neighborhood> {}

export const neighborhoodKey = { pk: 'NEIGHBORHOOD', sk: 'SETTINGS' };
const key = neighborhoodKey;

export const defaultNeighborhood: Neighborhood = {
  name: 'Our neighborhood',
  description: 'A home on the web for the people who live here.',
  welcome: '',
  location: '',
  directoryVisibility: 'members',
  joinPolicy: 'approval',
  siteLimit: 3,
  version: 0,
};

/** The stored item as settings; neutral defaults until the first save. */
export function toNeighborhood(item: Record<string, unknown> | undefined): Neighborhood {
  if (!item) return defaultNeighborhood;
  const { pk: _pk, sk: _sk, updatedAt: _updatedAt, ...stored } = item;
  return { ...defaultNeighborhood, ...(stored as Partial<Neighborhood>) };
}

export async function getNeighborhood(db: Dynamo): Promise<Neighborhood> {
  return toNeighborhood(await db.get(key));
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
      { ...key, ...saved, updatedAt: new Date().toISOString() },
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
