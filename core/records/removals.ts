/**
 * How a removal is stored. When an admin removes someone, a removal record
 * keyed by their DID is written in its own partition, `REMOVAL#<did>`, apart
 * from the person's own partition: deleting their account does not touch
 * it, and it carries no `expiresAt`, so no TTL purges it. It lasts until an
 * admin lifts it (on the removals page, or by an invitation link made after
 * the removal). It keeps the name and handle they had, since their profile
 * may be purged long before. Admins list removals newest first from the
 * `byTime` index under `REMOVALS`. Pure: no I/O.
 */
import type { Invitation } from './invitations';
import { memberName, type Member } from './members';

export interface Removal {
  did: string;
  /** Their handle and name when they were removed. */
  handle: string;
  name: string;
  removedAt: string;
  removedByDid: string;
  removedByHandle: string;
}

export const removalKey = (did: string) => ({ pk: `REMOVAL#${did}`, sk: 'REMOVAL' });
/** The `byTime` index partition listing every standing removal. */
export const removalsList = 'REMOVALS';

/**
 * The removal of someone removed before removal records existed, made from
 * their member item (status `removed`): who removed them was not kept, so
 * `removedByDid` and `removedByHandle` are empty. Without `removedAt` the
 * item's last change stands in, which is never earlier than the removal, so
 * no invitation made before it can readmit them.
 */
export const legacyRemoval = (m: Member): Removal => ({
  did: m.did,
  handle: m.handle,
  name: memberName(m),
  removedAt: m.removedAt ?? m.updatedAt,
  removedByDid: '',
  removedByHandle: '',
});

/** The record to store for `r`, with the index attributes that list it. */
export const removalRecord = (r: Removal) => ({
  ...removalKey(r.did),
  ...r,
  gsi1pk: removalsList,
  gsi1sk: `${r.removedAt}#${r.did}`,
});

/** A stored removal without its keys and index attributes. */
export function toRemoval(item: Record<string, unknown> | undefined): Removal | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, ...rest } = item;
  return rest as unknown as Removal;
}

/**
 * Whether joining with `invitation` lets a removed person back in: only a
 * link made after their removal, whose admin was warned on the form that a
 * link does that. A link made before (perhaps the very one they came in
 * with, still going round) never does.
 */
export const invitationReadmits = (
  invitation: Pick<Invitation, 'createdAt'>,
  removal: Pick<Removal, 'removedAt'>,
) => invitation.createdAt > removal.removedAt;
