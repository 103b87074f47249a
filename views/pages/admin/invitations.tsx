/**
 * Invitation links: a form to make one (valid for how many days, how many
 * uses, an optional note) and the links made so far, newest first, each
 * with its full address to copy, its note, uses, expiry and state, and a
 * revoke button while it still works. The form warns that a link lets
 * people removed before it was made back in.
 */
import {
  invitationState,
  type Invitation,
  type InvitationState,
} from '../../../core/records/invitations';
import { CsrfField } from '../../components/csrf-field';
import { FormProblems, TextField } from '../../components/fields';
import { Pager } from '../../components/pager';
import { FormNoticeLine, type FormNotice } from '../../components/form-notice';
import { AdminNav, Notice, When } from './common';
import { handleText } from '../../components/handle';

export const invitationDefaults = { validDays: '14', maxUses: '10', note: '' };

const stateLabels: Record<InvitationState, string> = {
  valid: 'Valid',
  expired: 'Expired',
  'used-up': 'Used up',
  revoked: 'Revoked',
};

export interface InvitationsPageProps {
  invitations: Invitation[];
  next?: string;
  /** The site's origin; links are `${publicUrl}/invitations/${code}`. */
  publicUrl: string;
  values: Partial<typeof invitationDefaults>;
  errors?: Record<string, string>;
  notice?: string;
  /** The link was not made, and why (the storage failed); the form keeps what was sent. */
  problem?: FormNotice;
  csrfToken: string;
}

function InvitationItem(props: {
  invitation: Invitation;
  index: number;
  publicUrl: string;
  csrfToken: string;
}) {
  const { invitation: i, index } = props;
  const state = invitationState(i);
  const link = `${props.publicUrl}/invitations/${i.code}`;
  return (
    <li class="card">
      <label for={`invitation-${index}`}>
        Link{i.note ? `: ${i.note}` : ''} ({stateLabels[state]})
      </label>
      <input id={`invitation-${index}`} type="text" readonly value={link} />
      <p class="hint">
        Used {i.uses} of {i.maxUses} times. {state === 'expired' ? 'Expired' : 'Valid until'}{' '}
        <When at={i.validUntil} />. Made by {handleText({ handle: i.createdByHandle })} on{' '}
        <When at={i.createdAt} />.
        {i.revokedAt && (
          <>
            {' '}
            Revoked on <When at={i.revokedAt} />.
          </>
        )}
      </p>
      {state === 'valid' && (
        <form method="post" action={`/admin/invitations/${encodeURIComponent(i.code)}/revoke`}>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="secondary">
            Revoke this link
          </button>
        </form>
      )}
    </li>
  );
}

export function InvitationsPage(props: InvitationsPageProps) {
  const { values, errors = {}, csrfToken } = props;
  return (
    <>
      <h1>Invitation links</h1>
      <AdminNav current="/admin/invitations" />
      <Notice text={props.notice} />
      <form method="post" action="/admin/invitations" class="card" aria-labelledby="new-heading">
        <h2 id="new-heading">Make a link</h2>
        <CsrfField token={csrfToken} />
        <FormNoticeLine notice={props.problem} />
        <FormProblems errors={errors} />
        <TextField
          name="validDays"
          label="Valid for (days)"
          type="number"
          hint="From 1 to 90 days."
          value={values.validDays}
          error={errors.validDays}
        />
        <TextField
          name="maxUses"
          label="Maximum uses"
          type="number"
          hint="How many people may join with it: 1 to 100."
          value={values.maxUses}
          error={errors.maxUses}
        />
        <TextField
          name="note"
          label="Note to the invitee (optional)"
          maxlength={200}
          hint="Whoever opens the link sees it, under your handle; it also names the link in your list below. Up to 200 characters."
          value={values.note}
          error={errors.note}
        />
        <p class="notice" id="readmits-warning">
          Anyone who has the link can join with it, including people who were removed before you
          make it: joining with it lifts their removal, in your name, and the audit log says so. To
          let one removed person back in, lift their removal under{' '}
          <a href="/admin/removals">Removals</a> instead.
        </p>
        <button type="submit" aria-describedby="readmits-warning">
          Make a link
        </button>
      </form>
      <h2>Links made so far</h2>
      {props.invitations.length ? (
        <ul class="plain">
          {props.invitations.map((invitation, index) => (
            <InvitationItem
              invitation={invitation}
              index={index}
              publicUrl={props.publicUrl}
              csrfToken={csrfToken}
            />
          ))}
        </ul>
      ) : (
        <p>No links yet.</p>
      )}
      <Pager
        next={props.next}
        href={(cursor) => `/admin/invitations?after=${encodeURIComponent(cursor)}`}
      />
    </>
  );
}
