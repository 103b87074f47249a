/**
 * "Download your data": everything the neighborhood holds under a person's
 * own partition, read in one Query: their member item (profile and
 * membership) and their sign-in sessions. The Bluesky sign-in grant is
 * named but its tokens are left out, so the file is safe to keep anywhere.
 */
import { memberPartition, toMember, type Member } from '../../core/records/members';
import type { Dynamo } from './dynamo';

export interface AccountExport {
  exportedAt: string;
  member?: Member;
  sessions: { id: string; createdAt: string; expiresAt: string }[];
  /** Whether we hold a Bluesky sign-in grant for them (its tokens are not exported). */
  blueskySignIn: { held: boolean; note: string };
}

export async function exportAccount(db: Dynamo, did: string): Promise<AccountExport> {
  const items = await db.query<Record<string, unknown> & { sk: string }>(memberPartition(did));
  const profile = items.find((i) => i.sk === 'PROFILE');
  return {
    exportedAt: new Date().toISOString(),
    member: toMember(profile),
    sessions: items
      .filter((i) => i.sk.startsWith('SESSION#'))
      .map((i) => ({
        id: String(i.id),
        createdAt: String(i.createdAt),
        expiresAt: new Date(Number(i.expiresAt) * 1000).toISOString(),
      })),
    blueskySignIn: {
      held: items.some((i) => i.sk === 'OAUTH_SESSION'),
      note: 'The access tokens themselves are not included; signing out or deleting your account removes them.',
    },
  };
}
