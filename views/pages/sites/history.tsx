/**
 * A site's deploy history (`/sites/:name/deploys`), newest first, a page at
 * a time: when, by whom, what was done and how it ended, the files and
 * size, what changed since the build before, which build visitors get now
 * ("Live now"), and "Restore this version" on every kept build that went
 * live and is not live now. A build whose files were removed says so.
 */
import { deployPath, deploysPath, restorePath, sitePath } from '../../../core/paths';
import { deployIdTime, KEEP_BUILDS, type Deploy } from '../../../core/records/deploys';
import { sizeText } from '../../../core/site-limits';
import { dateTime } from '../../dates';
import { CsrfField } from '../../components/csrf-field';
import { changesText, filesText, kindWords, stateWords } from '../../components/deploy-words';
import { Pager } from '../../components/pager';

export interface HistoryProps {
  site: string;
  deploys: Deploy[];
  /** The build whose files visitors get, if the site is published. */
  liveDeploy?: string;
  /** Cursor of the next page. */
  next?: string;
  /** What was just done, or why it could not be, in words. */
  notice?: string;
  csrfToken: string;
}

/** Whether visitors could be given this build's files again. */
const restorable = (deploy: Deploy, live: string | undefined) =>
  deploy.kind === 'build' && deploy.state === 'live' && !deploy.prunedAt && deploy.id !== live;

function DeployLine({
  site,
  deploy,
  live,
  csrfToken,
}: {
  site: string;
  deploy: Deploy;
  live?: string;
  csrfToken: string;
}) {
  const changes = deploy.kind === 'build' ? changesText(deploy.changes) : undefined;
  return (
    <li>
      <a href={deployPath(site, deploy.id)}>{dateTime(deploy.createdAt)}</a>:{' '}
      {kindWords[deploy.kind]} by {deploy.byHandle} · {stateWords(deploy)}
      {deploy.files !== undefined && ` · ${filesText(deploy.files)}`}
      {deploy.bytes !== undefined && `, ${sizeText(deploy.bytes)}`}
      {changes && ` · ${changes}`}
      {deploy.restoreOf && ` · the version of ${dateTime(deployIdTime(deploy.restoreOf))}`}
      {deploy.kind === 'build' && deploy.id === live && (
        <>
          {' '}
          <strong class="badge ready">Live now</strong>
        </>
      )}
      {deploy.prunedAt && (
        <span class="hint"> · Its files were removed, so it can no longer be restored.</span>
      )}
      {restorable(deploy, live) && (
        <form method="post" action={restorePath(site, deploy.id)} class="actions">
          <CsrfField token={csrfToken} />
          <button
            type="submit"
            class="secondary"
            aria-label={`Restore this version, of ${dateTime(deploy.createdAt)}`}
          >
            Restore this version
          </button>
        </form>
      )}
    </li>
  );
}

export function HistoryPage({ site, deploys, liveDeploy, next, notice, csrfToken }: HistoryProps) {
  return (
    <>
      <p class="crumbs">
        <a href={sitePath(site)}>← {site}</a>
      </p>
      <h1>History of {site}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p class="hint">
        Every publish, restore and unpublish. The files of the last {KEEP_BUILDS} builds are kept,
        and any of them that went live can be put back at once, without publishing again.
      </p>
      {deploys.length ? (
        <ul class="plain item-list">
          {deploys.map((deploy) => (
            <DeployLine site={site} deploy={deploy} live={liveDeploy} csrfToken={csrfToken} />
          ))}
        </ul>
      ) : (
        <p>Nothing published yet.</p>
      )}
      <Pager next={next} href={(cursor) => deploysPath(site, cursor)} />
    </>
  );
}
