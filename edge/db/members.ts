/**
 * Everyone who has signed in, keyed by DID so a handle change never orphans
 * them: their Bluesky profile (refreshed at each sign-in), their own words
 * here (which take precedence), and their place in the neighborhood
 * (visitor, pending, member; admin or member). Every write checks a
 * `version`, so two edits never overwrite each other silently, and derives
 * the index attributes that put a member on the right lists.
 */
import { conditionally, VersionConflict } from './conditional';
import {
  type DirectoryOrder,
  handleKey,
  indexAttributes,
  memberKey,
  memberSummaryAttributes,
  removedPurgeSeconds,
  toMember,
  toMemberSummary,
  type Member,
  type MemberSummary,
  type ProfileFields,
} from '../../core/records/members';
import type { Dynamo, Page } from './dynamo';

export { VersionConflict };

/** Someone else saved the member since they were read; `current` is them as stored now. */
export class MemberVersionConflict extends VersionConflict<Member> {}

export async function getMember(db: Dynamo, did: string): Promise<Member | undefined> {
  return toMember(await db.get(memberKey(did)));
}

/** The member a handle (or an older handle of theirs) belongs to, or a DID given directly. */
export async function findMember(db: Dynamo, handleOrDid: string): Promise<Member | undefined> {
  if (handleOrDid.startsWith('did:')) return getMember(db, handleOrDid);
  const pointer = await db.get<{ did: string }>(handleKey(handleOrDid.toLowerCase()));
  return pointer ? getMember(db, pointer.did) : undefined;
}

/**
 * Writes `next` if the stored item still has `expectedVersion` (or does not
 * exist, for `null`). Throws `MemberVersionConflict` with the current item
 * if not. The handle pointer is written only when the handle differs from
 * `previousHandle` (the stored one), not on every write.
 */
export async function putMember(
  db: Dynamo,
  next: Member,
  expectedVersion: number | null,
  previousHandle?: string,
): Promise<Member> {
  const saved: Member = {
    ...next,
    version: (expectedVersion ?? 0) + 1,
    updatedAt: new Date().toISOString(),
  };
  const purgeAt = removedPurgeSeconds(saved);
  const put = await conditionally(
    db.put(
      { ...memberKey(saved.did), ...saved, ...indexAttributes(saved), expiresAt: purgeAt },
      expectedVersion === null
        ? { condition: 'attribute_not_exists(pk)' }
        : {
            condition: '#version = :version',
            names: { '#version': 'version' },
            values: { ':version': expectedVersion },
          },
    ),
  );
  if (!put.written) throw new MemberVersionConflict(await getMember(db, saved.did));
  if (saved.handle !== 'handle.invalid' && saved.handle !== previousHandle)
    await db.put({ ...handleKey(saved.handle), did: saved.did });
  return saved;
}

/**
 * Applies `change` to the member's current item and writes it, re-reading and
 * retrying if someone else wrote in between. For changes that do not need the
 * person to see a conflict (sign-in refreshes, admin decisions).
 */
export async function updateMember(
  db: Dynamo,
  did: string,
  change: (current: Member | undefined) => Member | undefined,
): Promise<Member | undefined> {
  for (let attempt = 0; ; attempt++) {
    const current = await getMember(db, did);
    const next = change(current);
    if (!next) return current;
    try {
      return await putMember(db, next, current ? current.version : null, current?.handle);
    } catch (error) {
      if (!(error instanceof MemberVersionConflict) || attempt >= 3) throw error;
    }
  }
}

/** Creates the person's item at first sign-in, or refreshes its Bluesky fields. */
export async function saveProfile(db: Dynamo, profile: ProfileFields): Promise<Member> {
  const now = new Date().toISOString();
  const saved = await updateMember(db, profile.did, (current) => ({
    ...(current ?? {
      links: [],
      listed: true,
      status: 'visitor',
      role: 'member',
      createdAt: now,
      updatedAt: now,
      version: 0,
    }),
    // Every Bluesky field is replaced, so one they removed there disappears here too.
    did: profile.did,
    handle: profile.handle,
    displayName: profile.displayName,
    description: profile.description,
    avatarUrl: profile.avatarUrl,
  }));
  return saved!;
}

/** A page of listed members, newest first or by name, as much of each as a list shows. */
export async function listDirectory(
  db: Dynamo,
  order: DirectoryOrder,
  options: { cursor?: string; limit?: number } = {},
): Promise<Page<MemberSummary>> {
  const page = await db.page<Record<string, unknown>>('DIRECTORY', {
    index: order === 'name' ? 'byName' : 'byTime',
    newestFirst: order === 'newest',
    limit: options.limit ?? 24,
    cursor: options.cursor,
    attributes: memberSummaryAttributes,
  });
  return { items: page.items.map(toMemberSummary), next: page.next };
}

/** A page of one of the other lists: members who chose not to be listed, or pending requests. */
export async function listByStatus(
  db: Dynamo,
  list: 'UNLISTED' | 'PENDING',
  options: { cursor?: string; limit?: number } = {},
): Promise<Page<Member>> {
  const page = await db.page<Record<string, unknown>>(list, {
    index: 'byTime',
    newestFirst: list === 'UNLISTED',
    limit: options.limit ?? 50,
    cursor: options.cursor,
  });
  return { items: page.items.map((i) => toMember(i)!), next: page.next };
}

/**
 * Deletes the person's item and handle pointer (account deletion), only if
 * the item is still at `member.version`; false if it changed since.
 */
export async function deleteMember(db: Dynamo, member: Member): Promise<boolean> {
  const deleted = await conditionally(
    db.delete(memberKey(member.did), {
      condition: '#version = :version',
      names: { '#version': 'version' },
      values: { ':version': member.version },
    }),
  );
  if (!deleted.written) return false;
  const pointer = await db.get<{ did: string }>(handleKey(member.handle));
  if (pointer?.did === member.did) await db.delete(handleKey(member.handle));
  return true;
}
