/**
 * Running one queued build: render, upload, go live, prune. The edge wrote
 * the queued record and took the site's lock (`building` = the deploy id)
 * before queueing the event; an event for anything else (a retried event,
 * a build its deadline gave up on, a lock another build holds) is answered
 * `skipped` and touches nothing.
 *
 * The order, and why nothing visitors see breaks on the way:
 * 1. rendering: the site is read from the table and rendered by the very
 *    renderer the preview uses. Bad data or a render exception fails the
 *    build here, with the problems in plain words.
 * 2. uploading: every file goes under the build's own prefix, which nothing
 *    serves yet. A failure deletes what was uploaded.
 * 3. going-live: first the `SITE` record takes the build as live, only
 *    while it still holds the lock (before its deadline) and the site is
 *    online, so a build that finishes late never replaces a newer one.
 *    Then the live pointer is converged on the record (`converge.ts`). If
 *    the store cannot be written, the record is put back and the build
 *    fails: both still name the old version. (If even that fails, the
 *    build's files are kept and `sync` later makes the store agree.) A
 *    switch DynamoDB applied whose answer was lost is found on re-reading
 *    the record, and the build goes on to live.
 * 4. live: the record gets its files, bytes, manifest and page changes,
 *    and older builds are pruned (a pruning failure is only logged).
 * Each stage move is conditional on the record still running, so a build
 * the edge marked failed stops at its next step and throws its files
 * away. Every failure releases the lock. An unexpected error (DynamoDB
 * down) is recorded as far as possible and thrown again, for Lambda's own
 * retry and failure handling; a retry then finds the record past queued.
 */
import type { BuilderAnswer, PublishRequest } from '../../core/builder-protocol';
import { isOverdue, type Deploy } from '../../core/records/deploys';
import { loadRenderInput } from '../load';
import { errorFields, log } from '../log';
import { renderSite } from '../preview';
import { RenderInputError, type RenderedFile } from '../render';
import { SiteUploadError, uploadSiteFiles } from '../storage/site-files';
import type { PublishingServices } from '.';
import { BuildRun } from './build-run';
import { convergePointer } from './converge';
import { getDeploy } from './deploy-records';
import { buildManifest, pageChanges } from './manifest';
import { pruneBuilds } from './prune';
import { readSite, rollBackLive, takeLive, type SiteState } from './site-record';
import { words } from './words';

/** Files uploaded at once: enough to hide S3's latency, few enough for a small Lambda. */
export const UPLOAD_PARALLEL = 16;

type Ending = 'live' | 'failed' | 'skipped';

const answer = (state: Ending): BuilderAnswer<'publish'> => ({ kind: 'deploy', state });

export async function runBuild(
  s: PublishingServices,
  { site, deploy }: PublishRequest,
): Promise<BuilderAnswer<'publish'>> {
  const [record, siteState] = await Promise.all([getDeploy(s, site, deploy), readSite(s, site)]);
  if (
    !record ||
    record.kind !== 'build' ||
    record.state !== 'queued' ||
    isOverdue(record) ||
    siteState?.building !== deploy
  ) {
    log.info('build skipped: not queued, or not holding the lock', { state: record?.state });
    return answer('skipped');
  }
  const run = new BuildRun(s, record);
  try {
    return answer(await build(run, siteState));
  } catch (error) {
    // Record what can be recorded, then let Lambda see the error.
    if (!run.wentLive) await run.fail([words.unexpected()]).catch(() => undefined);
    throw error;
  }
}

/** Why a site may not be published now, in words; undefined when it may. */
function notPublishable(site: SiteState | undefined): string | undefined {
  if (!site?.ownerDid || site.closedAt) return words.closing();
  if (site.offlineSince) return words.offline();
  return undefined;
}

async function build(run: BuildRun, site: SiteState): Promise<Ending> {
  const { s } = run;
  const refused = notPublishable(site);
  if (refused) return run.fail([refused]);
  if (!(await run.enter('rendering'))) return run.stepAside();

  const started = performance.now();
  let input;
  try {
    input = await loadRenderInput(s.dynamo, s.config, run.site);
  } catch (error) {
    // Anything else here is the table failing, not the site: it reaches Lambda.
    if (error instanceof RenderInputError) return run.fail([words.invalid(), ...error.problems]);
    throw error;
  }
  if (!input) return run.fail([words.closing()]);
  let files: RenderedFile[];
  try {
    files = [...(await renderSite(input)).values()];
  } catch (error) {
    if (error instanceof RenderInputError) return run.fail([words.invalid(), ...error.problems]);
    log.error('render failed', errorFields(error));
    return run.fail([words.renderFailed()]);
  }
  const pages = files.filter((f) => f.path.endsWith('.html')).length;
  const renderMs = performance.now() - started;
  log.info('rendered', { pages, files: files.length, durationMs: Math.round(renderMs) });
  const rendered = words.rendered(pages, renderMs);
  if (!(await run.enter('uploading', { log: [...run.record.log, rendered] }))) {
    return run.stepAside();
  }
  return upload(run, files, site);
}

async function upload(run: BuildRun, files: RenderedFile[], site: SiteState): Promise<Ending> {
  const { s } = run;
  const started = performance.now();
  run.uploading = true;
  let report;
  try {
    report = await uploadSiteFiles(s.publishing.bucket, run.site, run.id, files, {
      parallel: UPLOAD_PARALLEL,
    });
  } catch (error) {
    log.error('upload failed', errorFields(error));
    const missing = error instanceof SiteUploadError ? error.total - error.uploaded : files.length;
    return run.fail([words.uploadFailed(missing, files.length)]);
  }
  const uploadMs = performance.now() - started;
  log.info('uploaded', {
    files: report.files,
    bytes: report.bytes,
    durationMs: Math.round(uploadMs),
  });
  const uploaded = words.uploaded(report.files, report.bytes, uploadMs);
  const extra = { files: report.files, bytes: report.bytes, log: [...run.record.log, uploaded] };
  if (!(await run.enter('going-live', extra))) return run.stepAside();
  return goLive(run, files, site);
}

async function goLive(run: BuildRun, files: RenderedFile[], start: SiteState): Promise<Ending> {
  const { s } = run;
  let before = await takeLive(s, run.site, run.id);
  if (!before) {
    const now = await readSite(s, run.site);
    // Our own write went through and only its answer was lost (the SDK's retry then failed
    // its condition): the build is live, and the record read at the start says what was.
    if (now?.liveDeploy === run.id) before = start;
    else return run.fail([notPublishable(now) ?? words.lockLost()]);
  }
  try {
    await convergePointer(s, run.site, { unwritten: run.id });
  } catch (error) {
    log.error('live pointer write failed; the record is put back', errorFields(error));
    await rollBackLive(s, run.site, run.id, before);
    // Puts visitors back too, if the store takes writes again; `sync` does it otherwise.
    await convergePointer(s, run.site).catch(() => undefined);
    return run.fail([words.switchFailed()]);
  }
  run.wentLive = true;
  log.info('went live');
  const manifest = buildManifest(files);
  await run.live({
    manifest,
    changes: await changesSince(run, before.liveDeploy, manifest).catch(() => undefined),
    log: [...run.record.log, words.live()],
  });
  try {
    const pruned = await pruneBuilds(s, run.site);
    if (pruned > 0) log.info('pruned old builds', { builds: pruned });
  } catch (error) {
    log.error('pruning old builds failed', errorFields(error));
  }
  return 'live';
}

/** The pages changed since build `previous` was live; undefined when that cannot be told. */
async function changesSince(
  run: BuildRun,
  previous: string | undefined,
  manifest: string | undefined,
): Promise<Deploy['changes']> {
  if (manifest === undefined) return undefined;
  if (previous === undefined) return pageChanges(undefined, manifest);
  const before = await getDeploy(run.s, run.site, previous);
  return before?.manifest === undefined ? undefined : pageChanges(before.manifest, manifest);
}
