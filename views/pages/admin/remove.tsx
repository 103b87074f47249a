/**
 * "Remove X?": the confirmation step before an admin removes a member,
 * saying what happens (signed out everywhere now, data kept for a while)
 * with the button that does it and a way back.
 */
import { memberName, REMOVED_RETENTION_DAYS, type Member } from '../../../core/records/members';
import { Avatar } from '../../components/avatar';
import { CsrfField } from '../../components/csrf-field';
import { memberAdminPath } from '../../../core/paths';
import { handleText } from '../../components/handle';

export function RemoveMemberPage(props: { member: Member; you: boolean; csrfToken: string }) {
  const { member } = props;
  const name = memberName(member);
  return (
    <section class="card" aria-labelledby="remove-heading">
      <h1 id="remove-heading">Remove {name}?</h1>
      <div class="member-card">
        <Avatar member={member} />
        <p class="handle">{handleText(member)}</p>
      </div>
      <p>
        Their sessions end now and their data is kept {REMOVED_RETENTION_DAYS} days (they can still
        download it), then deleted.
      </p>
      {props.you && <p class="notice">This is you: you will be signed out at once.</p>}
      <form method="post" action={memberAdminPath(member, 'remove')} class="actions">
        <CsrfField token={props.csrfToken} />
        <button type="submit">Remove {name}</button>
        <a href="/admin/members">Cancel</a>
      </form>
    </section>
  );
}
