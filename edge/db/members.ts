/**
 * Everyone who has signed in, keyed by DID so a handle change never orphans
 * them: their Bluesky profile (refreshed at each sign-in), their own words
 * here (which take precedence), and their place in the neighborhood
 * (visitor, pending, member; admin or member). Every write checks a
 * `version`, so two edits never overwrite each other silently, and derives
 * the index attributes that put a member on the right lists.
 */
import { conditionally, VersionConflict } from './conditional';
import type { Dynamo } from './dynamo';
import type { Page } from './dynamo';

export type MembershipStatus = 'visitor' | 'pending' | 'member' | 'removed';
export type Role = 'admin' | 'member';

export interface ProfileLink {
  label: string;
  url: string;
}

export interface Member {
  did: string;
  handle: string;
  /** From their Bluesky profile. */
  displayName?: string;
  description?: string;
  avatarUrl?: string;
  /** Their own words here; shown instead of the Bluesky ones when set. */
  name?: string;
  bio?: string;
  location?: string;
  links: ProfileLink[];
  /** Whether they appear in the directory and on the front page. */
  listed: boolean;
  status: MembershipStatus;
  role: Role;
  requestedAt?: string;
  joinedAt?: string;
  /** A short note from the admin who declined their request, shown to them. */
  decisionMessage?: string;
  removedAt?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type ProfileFields = Pick<
  Member,
  'did' | 'handle' | 'displayName' | 'description' | 'avatarUrl'
>;

export { VersionConflict };

/** Someone else saved the member since they were read; `current` is them as stored now. */
export class MemberVersionConflict extends VersionConflict<Member> {}

export const memberKey = (did: string) => ({ pk: `MEMBER#${did}`, sk: 'PROFILE' });
const handleKey = (handle: string) => ({ pk: `HANDLE#${handle}`, sk: 'HANDLE' });

/** Days a removed member's data is kept (they may still export it) before it is purged. */
export const REMOVED_RETENTION_DAYS = 30;

export const memberName = (m: Pick<Member, 'name' | 'displayName' | 'handle'>) =>
  m.name ?? m.displayName ?? m.handle;
export const memberBio = (m: Pick<Member, 'bio' | 'description'>) => m.bio ?? m.description;
export const isMember = (m: Pick<Member, 'status'> | undefined) => m?.status === 'member';
export const isAdmin = (m: Pick<Member, 'status' | 'role'> | undefined) =>
  m?.status === 'member' && m.role === 'admin';

/** A stored profile item without its keys and index attributes, with defaults for older items. */
export function toMember(item: Record<string, unknown> | undefined): Member | undefined {
  if (!item) return undefined;
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    expiresAt: _e,
    ...rest
  } = item;
  return {
    links: [],
    listed: true,
    status: 'visitor',
    role: 'member',
    version: 0,
    ...rest,
  } as unknown as Member;
}

/** Which lists the member is on: the directory (by joining date and by name), unlisted, or pending. */
function indexAttributes(m: Member): Record<string, string> {
  if (m.status === 'member' && m.listed) {
    return {
      gsi1pk: 'DIRECTORY',
      gsi1sk: `${m.joinedAt}#${m.did}`,
      gsi2pk: 'DIRECTORY',
      gsi2sk: `${memberName(m).toLowerCase()}#${m.did}`,
    };
  }
  if (m.status === 'member') return { gsi1pk: 'UNLISTED', gsi1sk: `${m.joinedAt}#${m.did}` };
  if (m.status === 'pending') return { gsi1pk: 'PENDING', gsi1sk: `${m.requestedAt}#${m.did}` };
  return {};
}

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
  const purgeAt =
    saved.status === 'removed' && saved.removedAt
      ? Math.floor(Date.parse(saved.removedAt) / 1000) + REMOVED_RETENTION_DAYS * 86400
      : undefined;
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

export type DirectoryOrder = 'newest' | 'name';

/** A page of listed members, newest first or by name. */
export async function listDirectory(
  db: Dynamo,
  order: DirectoryOrder,
  options: { cursor?: string; limit?: number } = {},
): Promise<Page<Member>> {
  const page = await db.page<Record<string, unknown>>('DIRECTORY', {
    index: order === 'name' ? 'byName' : 'byTime',
    newestFirst: order === 'newest',
    limit: options.limit ?? 24,
    cursor: options.cursor,
  });
  return { items: page.items.map((i) => toMember(i)!), next: page.next };
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

/** Deletes the person's item and handle pointer (account deletion). */
export async function deleteMember(db: Dynamo, member: Member): Promise<void> {
  await db.delete(memberKey(member.did));
  const pointer = await db.get<{ did: string }>(handleKey(member.handle));
  if (pointer?.did === member.did) await db.delete(handleKey(member.handle));
}
