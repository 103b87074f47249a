/**
 * "Make X an admin?" and "Step down as admin?": the step before a role
 * changes, naming the person and what the change lets them (or stops them
 * from) doing. The form carries `confirm`, so only this page's button acts.
 */
import { memberName, type Member } from '../../../core/records/members';
import { Avatar } from '../../components/avatar';
import { CsrfField } from '../../components/csrf-field';
import { memberAdminPath } from '../../../core/paths';

export type RoleChange = 'promote' | 'demote';

export interface RoleChangePageProps {
  member: Member;
  change: RoleChange;
  /** The admin is changing their own role. */
  you: boolean;
  csrfToken: string;
}

/** The page's title, what the change means, and the button's label. */
export function roleChangeWords(change: RoleChange, name: string, you: boolean) {
  if (change === 'promote')
    return {
      title: `Make ${name} an admin?`,
      consequence: `${name} will be able to change the neighborhood's settings, answer requests to join, make invitation links, make and unmake admins, and remove members, you included.`,
      button: `Make ${name} an admin`,
    };
  if (you)
    return {
      title: 'Step down as admin?',
      consequence:
        'You stay a member, but the admin area closes to you at once. Only another admin can make you an admin again.',
      button: 'Step down',
    };
  return {
    title: `Make ${name} a member, no longer an admin?`,
    consequence: `${name} stays a member, but the admin area closes to them at once.`,
    button: `Make ${name} a member`,
  };
}

export function RoleChangePage({ member, change, you, csrfToken }: RoleChangePageProps) {
  const said = roleChangeWords(change, memberName(member), you);
  return (
    <section class="card" aria-labelledby="role-heading">
      <h1 id="role-heading">{said.title}</h1>
      <div class="member-card">
        <Avatar member={member} />
        <p class="handle">@{member.handle}</p>
      </div>
      <p>{said.consequence}</p>
      <form method="post" action={memberAdminPath(member, change)} class="actions">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="confirm" value={change} />
        <button type="submit">{said.button}</button>
        <a href="/admin/members">Cancel</a>
      </form>
    </section>
  );
}
