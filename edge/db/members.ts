/**
 * Members' profiles, keyed by DID so a handle change never orphans them.
 * A profile is created or refreshed from the member's own PDS at sign-in.
 */
import type { Dynamo } from './dynamo';

export interface Member {
  did: string;
  handle: string;
  displayName?: string;
  description?: string;
  avatarUrl?: string;
  createdAt: string;
  updatedAt: string;
}

export type ProfileFields = Pick<
  Member,
  'did' | 'handle' | 'displayName' | 'description' | 'avatarUrl'
>;

export const memberKey = (did: string) => ({ pk: `MEMBER#${did}`, sk: 'PROFILE' });

export async function getMember(db: Dynamo, did: string): Promise<Member | undefined> {
  return toMember(await db.get(memberKey(did)));
}

/** A stored profile item without its keys. */
export function toMember(item: Record<string, unknown> | undefined): Member | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...member } = item;
  return member as unknown as Member;
}

/** Creates the member's profile or refreshes it from fresh PDS data, keeping `createdAt`. */
export async function saveProfile(db: Dynamo, profile: ProfileFields): Promise<Member> {
  const now = new Date().toISOString();
  const existing = await getMember(db, profile.did);
  const member: Member = { ...profile, createdAt: existing?.createdAt ?? now, updatedAt: now };
  await db.put({ ...memberKey(profile.did), ...member });
  return member;
}
