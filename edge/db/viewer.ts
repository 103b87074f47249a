/**
 * Who is signed in: a member's live session and their profile, read in a
 * single BatchGetItem because every signed-in page needs both.
 */
import type { Dynamo } from './dynamo';
import { memberKey, toMember, type Member } from './members';
import { liveSession, sessionKey, type Session } from './sessions';

export async function getViewer(
  db: Dynamo,
  did: string,
  sessionId: string,
): Promise<{ session: Session; member: Member } | undefined> {
  const [session, member] = await db.getMany([sessionKey(did, sessionId), memberKey(did)]);
  const live = liveSession(session as Session | undefined);
  const profile = toMember(member as Record<string, unknown> | undefined);
  return live && profile ? { session: live, member: profile } : undefined;
}
