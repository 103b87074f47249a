/**
 * Standing removals: written when an admin removes someone, read whenever
 * that person signs in, asks to join or uses an invitation, listed on the
 * admins' removals page, and deleted only when an admin lifts one. See
 * `core/records/removals.ts` for why neither account deletion nor a TTL
 * can remove one.
 */
import { conditionally } from './conditional';
import type { Dynamo, Page } from './dynamo';
import {
  removalKey,
  removalRecord,
  removalsList,
  toRemoval,
  type Removal,
} from '../../core/records/removals';

/** The person's standing removal, if there is one. */
export async function getRemoval(db: Dynamo, did: string): Promise<Removal | undefined> {
  return toRemoval(await db.get(removalKey(did)));
}

/** Writes (or rewrites) a removal. */
export async function putRemoval(db: Dynamo, removal: Removal): Promise<void> {
  await db.put(removalRecord(removal));
}

/** Deletes the removal; the one deleted, or undefined if there was none (already lifted). */
export async function deleteRemoval(db: Dynamo, did: string): Promise<Removal | undefined> {
  const removal = await getRemoval(db, did);
  if (!removal) return undefined;
  const deleted = await conditionally(
    db.delete(removalKey(did), {
      condition: 'removedAt = :at',
      values: { ':at': removal.removedAt },
    }),
  );
  return deleted.written ? removal : undefined;
}

/** A page of standing removals, newest first. */
export async function listRemovals(db: Dynamo, cursor?: string): Promise<Page<Removal>> {
  const page = await db.page<Record<string, unknown>>(removalsList, {
    index: 'byTime',
    newestFirst: true,
    limit: 25,
    cursor,
  });
  return { items: page.items.map((i) => toRemoval(i)!), next: page.next };
}
