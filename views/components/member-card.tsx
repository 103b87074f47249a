/**
 * A member in a list: avatar, name, handle, linking to their profile page.
 * Lists that need more (an admin's role and actions) pass it as children.
 */
import type { Child } from 'hono/jsx';
import { memberName, type MemberSummary } from '../../core/records/members';
import { Avatar } from './avatar';
import { profilePath } from '../../core/paths';
import { handleText } from './handle';

export function MemberCard({ member, children }: { member: MemberSummary; children?: Child }) {
  return (
    <li class="member-card">
      <Avatar member={member} />
      <div>
        <a href={profilePath(member)} class="name">
          {memberName(member)}
        </a>
        <p class="handle">{handleText(member)}</p>
        {children}
      </div>
    </li>
  );
}
