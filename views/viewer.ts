/** Who is looking at a page: a signed-in member and their session, or nobody. */
import type { Member } from '../edge/db/members';
import type { Session } from '../edge/db/sessions';

export interface Viewer {
  member: Member;
  session: Session;
}
