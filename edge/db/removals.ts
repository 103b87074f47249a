/**
 * Standing removals: written when an admin removes someone, read whenever
 * that person signs in, asks to join or uses an invitation, listed on the
 * admins' removals page, and deleted only when an admin lifts one. See
 * `core/records/removals.ts` for why neither account deletion nor a TTL
 * can remove one.
 *
 * People removed before these records existed have only a member item with
 * status `removed`, which TTL purges 30 days after the removal. Reading a
 * removal treats such an item as a standing removal and writes the missing
 * record then (`getRemoval`); `scripts/backfill-removals.ts` writes them for
 * everyone at once, before the purge can free anyone.
 */
import { conditionally } from './conditional';
import type { Dynamo, Page } from './dynamo';
import { getMember } from './members';
import {
  legacyRemoval,
  removalKey,
  removalRecord,
  removalsList,
  toRemoval,
  type Removal,
} from '../../core/records/removals';

/**
 * The person's standing removal, if there is one: their removal record, or
 * one written now from a member item removed before records existed.
 */
export async function getRemoval(db: Dynamo, did: string): Promise<Removal | undefined> {
  return (await storedRemoval(db, did)) ?? backfillRemoval(db, did);
}

/**
 * Writes the removal record of a person whose member item says `removed`
 * but who has none (removed before records existed); never over a record
 * that is there. Returns the removal that stands, or undefined if none does.
 */
export async function backfillRemoval(db: Dynamo, did: string): Promise<Removal | undefined> {
  const member = await getMember(db, did);
  if (member?.status !== 'removed') return undefined;
  const removal = legacyRemoval(member);
  const written = await conditionally(
    db.put(removalRecord(removal), { condition: 'attribute_not_exists(pk)' }),
  );
  return written.written ? removal : toRemoval(await db.get(removalKey(did)));
}

/** Writes (or rewrites) a removal. */
export async function putRemoval(db: Dynamo, removal: Removal): Promise<void> {
  await db.put(removalRecord(removal));
}

/** The removal record as stored, without writing one from a legacy member item. */
export async function storedRemoval(db: Dynamo, did: string): Promise<Removal | undefined> {
  return toRemoval(await db.get(removalKey(did)));
}

/**
 * Deletes the stored removal; the one deleted, or undefined if there was
 * none (already lifted). It never backfills: a lift racing another must not
 * write a record from a member item the other has not yet cleared.
 */
export async function deleteRemoval(db: Dynamo, did: string): Promise<Removal | undefined> {
  const removal = await storedRemoval(db, did);
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
