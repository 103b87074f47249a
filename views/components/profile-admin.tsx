/**
 * What an admin can do about someone else's membership, shown on that
 * member's profile: links to promote or demote and to remove, each of
 * which asks first on its own page. The admin endpoints check again on the server.
 */
import type { Member } from '../../core/records/members';

export function ProfileAdmin({ member }: { member: Member }) {
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
        <a href={`${base}/${roleChange.action}`}>{roleChange.label}…</a>
        <a href={`${base}/remove`}>Remove from the neighborhood…</a>
      </div>
    </section>
  );
}
