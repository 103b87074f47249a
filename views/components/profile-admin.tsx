/**
 * What an admin can do about someone else's membership, shown on that
 * member's profile: promote or demote, and remove. Plain forms with a CSRF
 * token; the admin endpoints check again on the server.
 */
import type { Member } from '../../edge/db/members';
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
        <form method="post" action={`${base}/remove`}>
          <CsrfField token={csrfToken} />
          <button type="submit" class="secondary">
            Remove from the neighborhood
          </button>
        </form>
      </div>
    </section>
  );
}
