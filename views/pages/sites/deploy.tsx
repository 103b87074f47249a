/**
 * One deploy's page (`/sites/:name/deploys/:id`): its stages with their
 * timings, its files and size, its log in plain words, and how it ended:
 * a link to the live site, or what went wrong and that the live site is
 * unchanged. While it runs, `DeployProgress` is also the htmx fragment the
 * page polls for, and stops asking once the answer says it is finished;
 * without JavaScript the layout's refresh reloads the page instead.
 */
import { deployPath, deploysPath, sitePath } from '../../../core/paths';
import { deployStages, isRunning, type Deploy } from '../../../core/records/deploys';
import { sizeText } from '../../../core/site-limits';
import { dateTime } from '../../dates';
import {
  filesText,
  kindWords,
  secondsText,
  stageWords,
  stateWords,
} from '../../components/deploy-words';
import { PublishForm } from '../../components/publish-form';

/** How often a running deploy's page asks how it is going, in seconds. */
export const DEPLOY_POLL_SECONDS = 2;

export interface DeployProps {
  site: string;
  deploy: Deploy;
  /** The site's own address, e.g. `https://alice.oak.example`. */
  url: string;
  /** Whether this deploy's files are what visitors get now. */
  liveNow: boolean;
  csrfToken: string;
}

/** The stage the deploy is in, or failed in; past the last one once it is live. */
function reached(deploy: Deploy): number {
  if (deploy.state === 'live') return deployStages.length;
  const stage = deploy.state === 'failed' ? deploy.failedStage : deploy.state;
  return stage ? deployStages.indexOf(stage) : -1;
}

function StageLine({ deploy, index }: { deploy: Deploy; index: number }) {
  const stage = deployStages[index]!;
  const ms = deploy.stages[stage]?.ms;
  const at = reached(deploy);
  let how: string;
  if (index < at) how = ms === undefined ? 'done' : `done in ${secondsText(ms)}`;
  else if (index > at) how = 'not reached';
  else how = deploy.state === 'failed' ? 'stopped here' : 'in progress…';
  return (
    <li>
      {stageWords[stage]}: {how}
    </li>
  );
}

function Ending({ site, deploy, url, liveNow, csrfToken }: DeployProps) {
  if (deploy.state === 'failed') {
    return (
      <div class="card problem">
        <p>
          <strong>This did not work.</strong> Your live site is unchanged: visitors see what they
          saw before.
        </p>
        {deploy.kind === 'build' && (
          <PublishForm site={site} csrfToken={csrfToken} label="Publish again" />
        )}
      </div>
    );
  }
  if (deploy.kind === 'unpublish') {
    return <p class="notice">Your site is off the web: visitors get a “not published” page.</p>;
  }
  return liveNow ? (
    <p class="notice">
      Your site is live at <a href={url}>{url}</a>
    </p>
  ) : (
    <p class="notice">
      This version went live; visitors now get another. See the{' '}
      <a href={deploysPath(site)}>history</a>.
    </p>
  );
}

/** The part of the page that changes while the deploy runs; also the htmx fragment. */
export function DeployProgress(props: DeployProps) {
  const { site, deploy } = props;
  const running = isRunning(deploy);
  return (
    <section
      id="deploy"
      data-hx-get={running ? deployPath(site, deploy.id) : undefined}
      data-hx-trigger={running ? `every ${DEPLOY_POLL_SECONDS}s` : undefined}
      data-hx-swap={running ? 'outerHTML' : undefined}
    >
      <p>
        <strong>{stateWords(deploy)}</strong>
        {running && ' — this page updates by itself.'}
      </p>
      {deploy.kind === 'build' && (
        <ol class="stages">
          {deployStages.map((_, index) => (
            <StageLine deploy={deploy} index={index} />
          ))}
        </ol>
      )}
      {deploy.files !== undefined && (
        <p>
          {filesText(deploy.files)}
          {deploy.bytes !== undefined && `, ${sizeText(deploy.bytes)}`}
        </p>
      )}
      {deploy.log.length > 0 && (
        <>
          <h2>What happened</h2>
          <ul class="deploy-log">
            {deploy.log.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </>
      )}
      {!running && <Ending {...props} />}
    </section>
  );
}

export function DeployPage(props: DeployProps & { alreadyRunning?: boolean }) {
  const { site, deploy } = props;
  return (
    <>
      <p class="crumbs">
        <a href={sitePath(site)}>← {site}</a> · <a href={deploysPath(site)}>History</a>
      </p>
      <h1>
        {kindWords[deploy.kind]} of {site}
      </h1>
      {props.alreadyRunning && (
        <p class="notice" role="status">
          A publish is already running, so we did not start another. This is it.
        </p>
      )}
      <p class="hint">
        Started {dateTime(deploy.createdAt)} by {deploy.byHandle}
      </p>
      {/* The live region stays while htmx swaps the progress inside it: a screen reader
          announces changes within a region it already knows, not a region put in its place. */}
      <div aria-live="polite">
        <DeployProgress {...props} />
      </div>
    </>
  );
}
