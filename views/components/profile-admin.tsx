/**
 * What an admin can do about someone else's membership, shown on that
 * member's profile: promote or demote (a form with a CSRF token), and a link
 * to the removal confirmation. The admin endpoints check again on the server.
 */
import type { Member } from '../../core/records/members';
import { CsrfField } from './csrf-field';

export function ProfileAdmin({ member, csrfToken }: { member: Member; csrfToken: string }) {
  const base = `/admin/members/${encodeURIComponent(member.did)}`;
  const roleChange =
    member.role === 'admin'
      ? { action: 'demote', label: 'Make a member (not an admin)' }
      : { action: 'promote', label: 'Make an admin' };
  return (
    <section class="card" aria-labelledby="admin-heading">
      <h2 id="admin-heading">Admin</h2>
      <p class="hint">
        {member.role === 'admin' ? 'An admin of the neighborhood.' : 'A member.'} Removing someone
        signs them out at once; their data is kept for 30 days.
      </p>
      <div class="actions">
        <form method="post" action={`${base}/${roleChange.action}`}>
          <CsrfField token={csrfToken} />
          <button type="submit" class="secondary">
            {roleChange.label}
          </button>
        </form>
        <a href={`${base}/remove`}>Remove from the neighborhood…</a>
      </div>
    </section>
  );
}
