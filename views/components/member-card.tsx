/**
 * A member in a list: avatar, name, handle, linking to their profile page.
 * Lists that need more (an admin's role and actions) pass it as children.
 */
import type { Child } from 'hono/jsx';
import { memberName, type Member } from '../../edge/db/members';
import { Avatar } from './avatar';

export const profilePath = (m: Pick<Member, 'handle' | 'did'>) =>
  `/members/${encodeURIComponent(m.handle === 'handle.invalid' ? m.did : m.handle)}`;

export function MemberCard({ member, children }: { member: Member; children?: Child }) {
  return (
    <li class="member-card">
      <Avatar member={member} />
      <div>
        <a href={profilePath(member)} class="name">
          {memberName(member)}
        </a>
        <p class="handle">@{member.handle}</p>
        {children}
      </div>
    </li>
  );
}
