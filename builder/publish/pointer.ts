/**
 * Moving a site's live pointer without building: restore, unpublish, the
 * reconciliation (`sync`) and purging a deleted site. None of them touches
 * a deploy's files but purge: a restore is the pointer moving back to
 * files still in the bucket, an unpublish is the pointer going away.
 *
 * Each change is made as a build goes live (`run-build.ts`): a history
 * record first, then `liveDeploy` in the `SITE` record (conditional on the
 * value read, so two changes at once cannot both win), then the store is
 * converged on the record. When the store cannot be written the record is
 * put back, the history record is marked failed, and the error is thrown,
 * so the edge says it could not be done. `sync` is the same convergence
 * alone, for after a removal (or its lifting) and after a double failure.
 * A site whose owner is removed cannot be restored (`no-site`, as the
 * owner-only routes answer): its pointer must stay empty until the lift.
 */
import type { BuilderAnswer, RestoreRequest, UnpublishRequest } from '../../core/builder-protocol';
import { newDeployId, type Deploy, type DeployKind } from '../../core/records/deploys';
import { clearLivePointer } from '../storage/live-pointer';
import { deleteSiteFiles, deleteSiteOriginals } from '../storage/site-files';
import type { PublishingServices } from '.';
import { convergePointer } from './converge';
import { getDeploy, putNewDeploy, saveDeploy } from './deploy-records';
import { isOpenSite, moveLive, readSite, rollBackLive } from './site-record';
import { buildDate, words } from './words';

/** Another change of the site's live deploy came between reading it and writing it. */
export class LiveChangeConflict extends Error {
  override name = 'LiveChangeConflict';
}

type By = RestoreRequest['by'];

/** A new history record of `kind`, already done (`live`), saying `line`. */
function historyRecord(site: string, kind: DeployKind, by: By, line: string, now: Date): Deploy {
  const at = now.toISOString();
  return {
    id: newDeployId(now),
    site,
    kind,
    state: 'live',
    byDid: by.did,
    byHandle: by.handle,
    createdAt: at,
    updatedAt: at,
    stages: {},
    log: [line],
    version: 1,
  };
}

/** Marks a history record failed, saying `line`; best effort (the caller is failing anyway). */
async function markFailed(s: PublishingServices, record: Deploy, line: string) {
  const next: Deploy = {
    ...record,
    state: 'failed',
    log: [...record.log, line],
    updatedAt: new Date().toISOString(),
  };
  await saveDeploy(s, record, next).catch(() => undefined);
}

const notRestorable = (
  reason: 'unknown' | 'unfinished' | 'pruned' | 'live',
): BuilderAnswer<'restore'> => ({ kind: 'not-restorable', reason });

/** Puts the files of the earlier build `deploy` live again. */
export async function restoreBuild(
  s: PublishingServices,
  { site, deploy, by }: RestoreRequest,
): Promise<BuilderAnswer<'restore'>> {
  const state = await readSite(s, site);
  if (!isOpenSite(state) || state.offlineSince) return { kind: 'no-site' };
  const build = await getDeploy(s, site, deploy);
  if (!build || build.kind !== 'build') return notRestorable('unknown');
  if (build.state !== 'live') return notRestorable('unfinished');
  if (build.prunedAt) return notRestorable('pruned');
  if (state.liveDeploy === deploy) return notRestorable('live');

  const now = new Date();
  const record = {
    ...historyRecord(site, 'restore', by, words.restored(buildDate(build.createdAt)), now),
    restoreOf: deploy,
  };
  await putNewDeploy(s, record);
  const before = await moveLive(s, site, state.liveDeploy, deploy, now.toISOString());
  if (!before) {
    await markFailed(s, record, words.overtaken());
    throw new LiveChangeConflict(`the live deploy of ${site} changed during a restore`);
  }
  // Pruning marks first and reads second; so does this (see prune.ts).
  if ((await getDeploy(s, site, deploy))?.prunedAt) {
    await rollBackLive(s, site, deploy, before);
    await markFailed(s, record, words.restoreFailed());
    return notRestorable('pruned');
  }
  try {
    await convergePointer(s, site);
  } catch (error) {
    await rollBackLive(s, site, deploy, before);
    await convergePointer(s, site).catch(() => undefined);
    await markFailed(s, record, words.restoreFailed());
    throw error;
  }
  return { kind: 'restored', deploy: record.id };
}

/** Takes `site` off the host; visitors get the "not published" page. */
export async function unpublishSite(
  s: PublishingServices,
  { site, by }: UnpublishRequest,
): Promise<BuilderAnswer<'unpublish'>> {
  const state = await readSite(s, site);
  if (!isOpenSite(state)) return { kind: 'no-site' };
  if (!state.liveDeploy) {
    // Nothing to record; the store is still made to agree.
    await convergePointer(s, site);
    return { kind: 'unpublished' };
  }
  const now = new Date();
  const record = historyRecord(site, 'unpublish', by, words.unpublished(), now);
  await putNewDeploy(s, record);
  const before = await moveLive(s, site, state.liveDeploy, undefined, now.toISOString());
  if (!before) {
    await markFailed(s, record, words.overtaken());
    throw new LiveChangeConflict(`the live deploy of ${site} changed during an unpublish`);
  }
  try {
    await convergePointer(s, site);
  } catch (error) {
    await moveLive(s, site, undefined, state.liveDeploy, state.publishedAt);
    await convergePointer(s, site).catch(() => undefined);
    await markFailed(s, record, words.unpublishFailed());
    throw error;
  }
  return { kind: 'unpublished', deploy: record.id };
}

/** Makes the pointer of `site` say what its record says; answers what it says now. */
export async function syncPointer(
  s: PublishingServices,
  site: string,
): Promise<BuilderAnswer<'sync'>> {
  return { kind: 'synced', live: (await convergePointer(s, site)) ?? null };
}

/**
 * Deletes every file of a deleted site (its deploys, processed and original pictures) and its
 * pointer. Only for a site
 * whose record is gone, a bare name hold or closing: anything else is
 * answered with nothing purged, so a live site is never emptied.
 */
export async function purgeSite(
  s: PublishingServices,
  site: string,
): Promise<BuilderAnswer<'purge'>> {
  if (isOpenSite(await readSite(s, site))) return { kind: 'purged', files: 0 };
  await clearLivePointer(s.publishing.pointers, site);
  // Its files (every deploy and the processed pictures), then the members' originals.
  const files = await deleteSiteFiles(s.publishing.bucket, site);
  return { kind: 'purged', files: files + (await deleteSiteOriginals(s.publishing.bucket, site)) };
}
