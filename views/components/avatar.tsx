/** A member's avatar, or their initial when they have none. */
import type { Member } from '../../core/records/members';

type AvatarMember = Pick<Member, 'avatarUrl' | 'displayName' | 'handle'>;

export function Avatar({ member }: { member: AvatarMember }) {
  if (member.avatarUrl) {
    return (
      <img
        class="avatar"
        src={member.avatarUrl}
        alt=""
        width={64}
        height={64}
        referrerpolicy="no-referrer"
      />
    );
  }
  const initial = Array.from(member.displayName ?? member.handle)[0]?.toUpperCase();
  // The letter is drawn by CSS, so text browsers and screen readers skip it.
  return <span class="avatar initial" aria-hidden="true" data-initial={initial}></span>;
}
