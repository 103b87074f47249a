/**
 * Deleting one's account: a form that names what goes with it (every site,
 * by name and address) and asks for the handle typed out, so it never
 * happens by a slip; the page that carries on when a big site takes more
 * than one go; and the goodbye page shown afterwards.
 */
import type { Member } from '../../core/records/members';
import { NAME_HOLD_DAYS } from '../../core/records/sites';
import { CsrfField } from '../components/csrf-field';
import { TextField } from '../components/fields';

/** One of the person's sites, as the confirmation names it. */
export interface DoomedSite {
  name: string;
  url: string;
}

function SitesThatGo({ sites }: { sites: DoomedSite[] }) {
  if (sites.length === 0) return null;
  return (
    <>
      <p>
        Your {sites.length === 1 ? 'site goes' : `${sites.length} sites go`} too, with every entry
        and page and everything in the trash:
      </p>
      <ul>
        {sites.map((s) => (
          <li>
            <strong>{s.name}</strong> ({s.url})
          </li>
        ))}
      </ul>
      <p>
        {sites.length === 1 ? 'Its name stays' : 'Their names stay'} unused for {NAME_HOLD_DAYS}{' '}
        days, so nobody can pass for {sites.length === 1 ? 'your site' : 'one of yours'} while
        people still follow {sites.length === 1 ? 'it' : 'them'}; after that anyone may take{' '}
        {sites.length === 1 ? 'it' : 'them'}.
      </p>
    </>
  );
}

/** What they must type: their handle, or their DID if their handle could not be verified. */
export const confirmationFor = (m: Member) => (m.handle === 'handle.invalid' ? m.did : m.handle);

export function DeleteAccountPage(props: {
  member: Member;
  sites: DoomedSite[];
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
        <SitesThatGo sites={props.sites} />
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

/**
 * Shown when the sites held more than one request may delete: they are
 * already gone from every page; pressing the button carries on where the
 * last go stopped (as would sending the form again later).
 */
export function DeletionUnfinishedPage(props: { csrfToken: string; confirm: string }) {
  return (
    <section class="card">
      <h1>Your account is not deleted yet</h1>
      <p>
        Your sites are gone from every page, but there is more of them to delete than fits in one
        go. Your account stays until they are all deleted.
      </p>
      <form method="post" action="/me/delete">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="confirm" value={props.confirm} />
        <div class="actions">
          <button type="submit">Carry on deleting</button>
        </div>
      </form>
    </section>
  );
}

export function GoodbyePage() {
  return (
    <section class="card">
      <h1>Your account is deleted</h1>
      <p>
        Your profile, your membership and your sites are gone and you are signed out everywhere.
        Thank you for being a neighbor.
      </p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </section>
  );
}
