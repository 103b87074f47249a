/**
 * How members are stored: everyone who has signed in, keyed by DID so a
 * handle change never orphans them, with their Bluesky profile, their own
 * words here, and their place in the neighborhood (visitor, pending, member;
 * admin or member). Also the rules that follow from the record alone: who
 * counts as a member or an admin, the name to show, and the index
 * attributes that put a member on the right lists. Pure: no I/O.
 */
import { purgeSeconds } from './time';

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

/** One person's partition: their profile, sessions, OAuth grant and site count. */
export const memberPartition = (did: string) => `MEMBER#${did}`;
export const memberKey = (did: string) => ({ pk: memberPartition(did), sk: 'PROFILE' });
/** Where the OAuth library keeps the person's Bluesky grant (tokens). */
export const oauthSessionKey = (did: string) => ({ pk: memberPartition(did), sk: 'OAUTH_SESSION' });
export const handleKey = (handle: string) => ({ pk: `HANDLE#${handle}`, sk: 'HANDLE' });

/** Days a removed member's data is kept (they may still export it) before it is purged. */
export const REMOVED_RETENTION_DAYS = 30;

/** When a removed member's data is purged (epoch seconds); undefined unless removed. */
export const removedPurgeSeconds = (m: Pick<Member, 'status' | 'removedAt'>) =>
  m.status === 'removed' && m.removedAt
    ? purgeSeconds(m.removedAt, REMOVED_RETENTION_DAYS)
    : undefined;

/** The day a removed member's data will be purged; undefined unless removed. */
export function removedPurgeDate(m: Pick<Member, 'status' | 'removedAt'>): Date | undefined {
  const at = removedPurgeSeconds(m);
  return at === undefined ? undefined : new Date(at * 1000);
}

/** The directory's two orders: by joining date, newest first, or by name. */
export type DirectoryOrder = 'newest' | 'name';

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

/**
 * What a list of members shows of each: the card (picture, name, handle and
 * the link to the profile) and, for admins, the role. The lists read only
 * these attributes, so a page of the directory carries no one's bio or links.
 */
export const memberSummaryAttributes = [
  'did',
  'handle',
  'displayName',
  'name',
  'avatarUrl',
  'status',
  'role',
] as const;
export type MemberSummary = Pick<Member, (typeof memberSummaryAttributes)[number]>;

/** A stored member item, read with `memberSummaryAttributes` or whole, as a `MemberSummary`. */
export function toMemberSummary(item: Record<string, unknown>): MemberSummary {
  const m = item as Partial<Member>;
  return {
    did: m.did!,
    handle: m.handle!,
    displayName: m.displayName,
    name: m.name,
    avatarUrl: m.avatarUrl,
    status: m.status ?? 'visitor',
    role: m.role ?? 'member',
  };
}

/** Which lists the member is on: the directory (by joining date and by name), unlisted, or pending. */
export function indexAttributes(m: Member): Record<string, string> {
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
