/**
 * "Leave the neighborhood?": the step between the link on /me and leaving,
 * saying what a member loses (editing and publishing their sites, until an
 * admin lets them back in where joining needs approval) and what they keep.
 * The form carries `confirm`, so only this page's button leaves.
 */
import type { JoinPolicy } from '../../../core/records/neighborhood';
import { CsrfField } from '../../components/csrf-field';
import { LEAVE_PATH } from '../../../core/paths';

export interface LeavePageProps {
  neighborhoodName: string;
  joinPolicy: JoinPolicy;
  siteNames: string[];
  csrfToken: string;
}

const comingBack: Record<JoinPolicy, string> = {
  open: 'You can join again at any time from the front page.',
  approval: 'To come back you ask to join again, and wait until an admin approves you.',
  invitation: 'To come back you need a new invitation link from a neighbor.',
};

export function LeavePage(props: LeavePageProps) {
  const sites = props.siteNames;
  return (
    <section class="card" aria-labelledby="leave-heading">
      <h1 id="leave-heading">Leave {props.neighborhoodName}?</h1>
      <ul>
        <li>
          {sites.length
            ? `Your sites (${sites.join(', ')}) stay as visitors see them, but you can no longer edit or publish them until you are a member again.`
            : 'You can no longer make or edit sites until you are a member again.'}
        </li>
        <li>You leave the directory, and your profile page is no longer shown.</li>
        <li>{comingBack[props.joinPolicy]}</li>
        <li>You stay signed in, and you can still download your data or delete your account.</li>
      </ul>
      <form method="post" action={LEAVE_PATH} class="actions">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="confirm" value="leave" />
        <button type="submit">Leave {props.neighborhoodName}</button>
        <a href="/me">Stay</a>
      </form>
    </section>
  );
}
