/**
 * The dashboard's publishing block: where the site lives and since when
 * (or that it is not published), its latest deploy with a link to it, the
 * Publish button, and the ways to the history and to unpublishing.
 */
import { deployPath, deploysPath, unpublishPath } from '../../core/paths';
import { isRunning, type Deploy } from '../../core/records/deploys';
import type { Site } from '../../core/records/sites';
import { dateTime, longDate } from '../dates';
import { kindWords, stateWords } from './deploy-words';
import { PublishForm } from './publish-form';

export interface PublishingState {
  /** Whether visitors get the site now. */
  published: boolean;
  latest?: Deploy;
  csrfToken: string;
}

export function PublishPanel({
  site,
  templateName,
  url,
  state,
}: {
  site: Pick<Site, 'name' | 'publishedAt'>;
  templateName: string;
  url: string;
  state: PublishingState;
}) {
  const { latest, published } = state;
  const kind = `A ${templateName.toLowerCase()}`;
  return (
    <section aria-labelledby="publishing-heading">
      {published ? (
        <p>
          {kind}, live at <a href={url}>{url}</a>
          {site.publishedAt && <> · Published {longDate(site.publishedAt)}</>}
        </p>
      ) : (
        <p>
          {kind}, to be published at <span class="address">{url}</span>
        </p>
      )}
      <h2 id="publishing-heading">Publishing</h2>
      {!published && (
        <p>{site.publishedAt ? 'Not published at the moment.' : 'Not published yet.'}</p>
      )}
      {latest && (
        <p>
          Latest:{' '}
          <a href={deployPath(site.name, latest.id)}>
            {kindWords[latest.kind]} of {dateTime(latest.createdAt)}
          </a>
          , {stateWords(latest).toLowerCase()}
          {isRunning(latest) && ' (running now)'}
        </p>
      )}
      <PublishForm site={site.name} csrfToken={state.csrfToken} />
      <ul class="inline site-tools">
        <li>
          <a href={deploysPath(site.name)}>History</a>
        </li>
        {published && (
          <li>
            <a href={unpublishPath(site.name)}>Unpublish</a>
          </li>
        )}
      </ul>
    </section>
  );
}
