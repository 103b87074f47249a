/**
 * The admin counter, and the one way to change someone's role or status
 * that keeps it true. "The last admin cannot leave" is kept with a counter
 * beside the settings that is only ever decremented by a conditional write
 * (`count > 1`), so two admins demoting each other at the same moment cannot
 * both succeed. It moves only when a role change really happened: every
 * change is written over the version it was read at, and only the writer
 * that changed the role counts it. No transactions, so it runs on dynalite.
 *
 * A counter change whose answer was lost is never replayed: it throws
 * `DynamoUncertainWrite`, and the change stops there. The decrement comes
 * before the role change and the increment after it, so a lost answer can
 * leave the counter one low (a demotion refused that could have gone
 * ahead, until the next promotion), never one high (the last admin leaving).
 */
import { isAdmin, type Member } from '../../core/records/members';
import { adminCountKey } from '../../core/records/neighborhood';
import { conditionally } from './conditional';
import type { Dynamo } from './dynamo';
import { getMember, MemberVersionConflict, putMember } from './members';

export class LastAdminError extends Error {
  override name = 'LastAdminError';
  constructor() {
    super('the neighborhood needs at least one admin');
  }
}

/** Adds or takes one admin; taking the last one throws `LastAdminError`. */
export async function countAdmin(db: Dynamo, delta: 1 | -1): Promise<void> {
  const counted = await conditionally(
    db.update(adminCountKey, 'ADD #count :delta', {
      names: { '#count': 'count' },
      values: { ':delta': delta, ...(delta < 0 && { ':one': 1 }) },
      ...(delta < 0 && { condition: '#count > :one' }),
    }),
  );
  if (!counted.written) throw new LastAdminError();
}

/**
 * Changes one person's place in the neighborhood and keeps the admin counter
 * true. `change` decides from the person as read; the write is made only
 * over the version read, so of two racing calls only the one whose write
 * really changed the role moves the counter (the other re-reads and, seeing
 * nothing left to do, leaves it alone). Taking an admin away decrements the
 * counter first (refused for the last admin) and gives it back if the write
 * did not happen; making an admin raises it only after the write.
 */
export async function changeMember(
  db: Dynamo,
  did: string,
  change: (current: Member) => Member | undefined,
): Promise<Member | undefined> {
  for (let attempt = 0; ; attempt++) {
    const current = await getMember(db, did);
    const next = current && change(current);
    if (!current || !next) return current;
    const delta = Number(isAdmin(next)) - Number(isAdmin(current));
    if (delta < 0) await countAdmin(db, -1);
    let saved: Member;
    try {
      saved = await putMember(db, next, current.version, current.handle);
    } catch (error) {
      if (delta < 0) await countAdmin(db, 1);
      if (error instanceof MemberVersionConflict && attempt < 5) continue;
      throw error;
    }
    if (delta > 0) await countAdmin(db, 1);
    return saved;
  }
}
