/**
 * Deleting one's account: a form that asks for the handle typed out, so it
 * never happens by a slip, and the goodbye page shown afterwards.
 */
import type { Member } from '../../core/records/members';
import { CsrfField } from '../components/csrf-field';
import { TextField } from '../components/fields';

/** What they must type: their handle, or their DID if their handle could not be verified. */
export const confirmationFor = (m: Member) => (m.handle === 'handle.invalid' ? m.did : m.handle);

export function DeleteAccountPage(props: {
  member: Member;
  csrfToken: string;
  typed?: string;
  error?: string;
}) {
  const expected = confirmationFor(props.member);
  return (
    <>
      <h1>Delete your account</h1>
      <section class="card">
        <p>
          This removes your profile and your membership here and signs you out everywhere. It cannot
          be undone. Your Bluesky account is not touched.
        </p>
        <p>
          You may want to <a href="/me/export">download your data</a> first.
        </p>
        <form method="post" action="/me/delete">
          <CsrfField token={props.csrfToken} />
          <TextField
            name="confirm"
            label={`To confirm, type your handle: ${expected}`}
            value={props.typed}
            error={props.error}
            required
          />
          <div class="actions">
            <button type="submit">Delete my account</button>
            <a href="/me">Keep my account</a>
          </div>
        </form>
      </section>
    </>
  );
}

export function GoodbyePage() {
  return (
    <section class="card">
      <h1>Your account is deleted</h1>
      <p>
        Your profile and membership are gone and you are signed out everywhere. Thank you for being
        a neighbor.
      </p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </section>
  );
}
