/**
 * Deleting a site: a page that says what goes (every entry, page and
 * published version, and the address, which anyone may then take) and asks
 * for the site's name typed out; and the page that carries on when a big
 * site takes more than one go.
 */
import { CsrfField } from '../../components/csrf-field';
import { TextField } from '../../components/fields';
import { deleteSitePath, settingsPath } from '../../../core/paths';

export interface DeleteSitePageProps {
  name: string;
  /** The site's address, e.g. `https://alice.oak.example`. */
  url: string;
  csrfToken: string;
  typed?: string;
  error?: string;
}

export function DeleteSitePage(props: DeleteSitePageProps) {
  return (
    <>
      <h1>Delete {props.name}</h1>
      <section class="card">
        <p>
          This deletes the site with every entry and page, everything in its trash and every
          published version. Visitors to <span class="address">{props.url}</span> will find nothing
          there. It cannot be undone.
        </p>
        <p>
          The name is freed at once: anyone in the neighborhood may take it, you included. You may
          want to keep a copy of what you wrote first.
        </p>
        <form method="post" action={deleteSitePath(props.name)}>
          <CsrfField token={props.csrfToken} />
          <TextField
            name="confirm"
            label={`To confirm, type the site’s name: ${props.name}`}
            value={props.typed}
            error={props.error}
            required
          />
          <div class="actions">
            <button type="submit">Delete this site</button>
            <a href={settingsPath(props.name)}>Keep it</a>
          </div>
        </form>
      </section>
    </>
  );
}

/**
 * Shown when the site held more than one request may delete: it is gone
 * from every page already; the button carries on where the last go stopped.
 */
export function SiteDeletionUnfinishedPage(props: {
  name: string;
  csrfToken: string;
  confirm: string;
}) {
  return (
    <section class="card">
      <h1>{props.name} is not deleted yet</h1>
      <p>
        The site is gone from every page, but there is more of it to delete than fits in one go.
      </p>
      <form method="post" action={deleteSitePath(props.name)}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="confirm" value={props.confirm} />
        <div class="actions">
          <button type="submit">Carry on deleting</button>
        </div>
      </form>
    </section>
  );
}

/** The settings page's last section: the way to the confirmation. */
export function DeleteSiteSection({ name }: { name: string }) {
  return (
    <section class="card" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete this site</h2>
      <p>Deletes the site, everything in it and every published version, and frees its name.</p>
      <p>
        <a href={deleteSitePath(name)}>Delete {name}…</a>
      </p>
    </section>
  );
}
