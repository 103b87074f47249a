/**
 * The one button that downloads a whole site as a ZIP: a plain form (it
 * changes nothing, but it makes a file and counts against a limit, so it is
 * a POST with its CSRF token), with a sentence saying what is inside.
 */
import { siteExportPath } from '../../core/paths';
import { CsrfField } from './csrf-field';

export function SiteExportForm({ siteName, csrfToken }: { siteName: string; csrfToken: string }) {
  return (
    <form method="post" action={siteExportPath(siteName)} class="card">
      <h2>Take everything with you</h2>
      <p>
        One ZIP file with your site as visitors see it once published, ready for any web host, and
        everything you wrote (drafts too, not the trash) as Markdown files, with your settings.
      </p>
      <CsrfField token={csrfToken} />
      <button type="submit">Download everything (ZIP)</button>
    </form>
  );
}
