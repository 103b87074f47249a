/**
 * "Take your site off the web?": the question before unpublishing, a plain
 * form so it works anywhere. Nothing is deleted: the site can be published
 * again, or an earlier version restored, at any time.
 */
import { sitePath, unpublishPath } from '../../../core/paths';
import { CsrfField } from '../../components/csrf-field';

export function UnpublishPage(props: { site: string; url: string; csrfToken: string }) {
  const { site, url } = props;
  return (
    <section class="card">
      <h1>Take {site} off the web?</h1>
      <p>
        Visitors to <span class="address">{url}</span> will get a page saying the site is not
        published. Your entries, pages and earlier versions stay here: you can publish again, or
        restore a version from the history, whenever you like.
      </p>
      <form method="post" action={unpublishPath(site)} class="actions">
        <CsrfField token={props.csrfToken} />
        <button type="submit">Unpublish</button> <a href={sitePath(site)}>Keep it published</a>
      </form>
    </section>
  );
}
