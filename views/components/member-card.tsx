/** A member in a list: avatar, name, handle, linking to their profile page. */
import { memberName, type Member } from '../../edge/db/members';
import { Avatar } from './avatar';

export const profilePath = (m: Pick<Member, 'handle' | 'did'>) =>
  `/members/${encodeURIComponent(m.handle === 'handle.invalid' ? m.did : m.handle)}`;

export function MemberCard({ member }: { member: Member }) {
  return (
    <li class="member-card">
      <Avatar member={member} />
      <div>
        <a href={profilePath(member)} class="name">
          {memberName(member)}
        </a>
        <p class="handle">@{member.handle}</p>
      </div>
    </li>
  );
}
