/**
 * Who is signed in: a member's live session and their profile, read in a
 * single BatchGetItem because every signed-in page needs both. The
 * neighborhood's settings ride along in the same request, since every page
 * shows its name, and so does their standing removal, if any: a signed-in
 * page then costs one read for all four. Someone whose removal stands is
 * shown as removed even if their profile was deleted or purged since and
 * made afresh at their next sign-in.
 */
import type { Dynamo } from './dynamo';
import { memberKey, toMember, type Member } from '../../core/records/members';
import {
  neighborhoodKey,
  toNeighborhood,
  type Neighborhood,
} from '../../core/records/neighborhood';
import { removalKey } from '../../core/records/removals';
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
  const [session, member, neighborhood, removal] = await db.getMany([
    sessionKey(did, sessionId),
    memberKey(did),
    neighborhoodKey,
    removalKey(did),
  ]);
  const live = liveSession(session as Session | undefined);
  const stored = toMember(member as Record<string, unknown> | undefined);
  const profile = stored && removal ? asRemoved(stored) : stored;
  return {
    viewer: live && profile ? { session: live, member: profile } : undefined,
    neighborhood: toNeighborhood(neighborhood as Record<string, unknown> | undefined),
  };
}

/** The person as someone whose removal stands sees themselves. */
const asRemoved = (m: Member): Member =>
  m.status === 'removed' ? m : { ...m, status: 'removed', role: 'member', joinedAt: undefined };
