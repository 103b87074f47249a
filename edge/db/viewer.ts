/**
 * Who is signed in: a member's live session and their profile, read in a
 * single BatchGetItem because every signed-in page needs both. The
 * neighborhood's settings ride along in the same request, since every page
 * shows its name: a signed-in page then costs one read for all three.
 */
import type { Dynamo } from './dynamo';
import { memberKey, toMember, type Member } from '../../core/records/members';
import {
  neighborhoodKey,
  toNeighborhood,
  type Neighborhood,
} from '../../core/records/neighborhood';
import { liveSession } from './sessions';
import { sessionKey, type Session } from '../../core/records/sessions';

export interface SignedInState {
  /** Absent when the session is not live or the member is gone. */
  viewer?: { session: Session; member: Member };
  neighborhood: Neighborhood;
}

export async function getViewer(
  db: Dynamo,
  did: string,
  sessionId: string,
): Promise<SignedInState> {
  const [session, member, neighborhood] = await db.getMany([
    sessionKey(did, sessionId),
    memberKey(did),
    neighborhoodKey,
  ]);
  const live = liveSession(session as Session | undefined);
  const profile = toMember(member as Record<string, unknown> | undefined);
  return {
    viewer: live && profile ? { session: live, member: profile } : undefined,
    neighborhood: toNeighborhood(neighborhood as Record<string, unknown> | undefined),
  };
}
