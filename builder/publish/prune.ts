/**
 * Keeping a site's bucket to what its history can still restore: the
 * newest `KEEP_BUILDS` builds that went live, and whichever build is live
 * now, keep their files; older ones lose theirs and are marked `prunedAt`.
 * Failed builds whose files are still there (a double failure kept them)
 * are tidied away too.
 *
 * A restore may be choosing the very build being pruned. Both sides write
 * first and read second: pruning marks the record `prunedAt`, then reads
 * the site's `liveDeploy`, and backs off if it names the build; a restore
 * sets `liveDeploy`, then re-reads the build, and backs off if it is
 * marked. At least one of them sees the other, so files are never deleted
 * under a live site.
 */
import { KEEP_BUILDS, type Deploy } from '../../core/records/deploys';
import { deleteDeploy } from '../storage/site-files';
import type { PublishingServices } from '.';
import { listDeploys, saveDeploy } from './deploy-records';
import { readSite } from './site-record';

/** What pruning reads of each record; saving one writes only what changed. */
const PRUNE_FIELDS = ['id', 'site', 'kind', 'state', 'prunedAt', 'version'] as const;

/** The builds of `deploys` (oldest first) whose files should go. */
export function buildsToPrune(deploys: readonly Deploy[], live: string | undefined): Deploy[] {
  const builds = deploys.filter((d) => d.kind === 'build' && !d.prunedAt && d.id !== live);
  const wentLive = deploys.filter((d) => d.kind === 'build' && d.state === 'live');
  const kept = new Set(wentLive.slice(-KEEP_BUILDS).map((d) => d.id));
  return builds.filter((d) => (d.state === 'live' && !kept.has(d.id)) || d.state === 'failed');
}

/** Prunes one build; true when its files were deleted. */
async function pruneBuild(s: PublishingServices, build: Deploy): Promise<boolean> {
  const marked = await saveDeploy(s, build, { ...build, prunedAt: new Date().toISOString() });
  if (!marked) return false;
  const unmark = () => saveDeploy(s, marked, { ...marked, prunedAt: undefined });
  const site = await readSite(s, build.site);
  if (site?.liveDeploy === build.id) {
    await unmark();
    return false;
  }
  try {
    await deleteDeploy(s.publishing.bucket, build.site, build.id);
    return true;
  } catch (error) {
    // Its files may be partly there: unmarked, the next pruning tries again.
    await unmark().catch(() => undefined);
    throw error;
  }
}

/** Prunes `site`'s old builds; returns how many lost their files. */
export async function pruneBuilds(s: PublishingServices, site: string): Promise<number> {
  const [deploys, record] = await Promise.all([
    listDeploys(s, site, PRUNE_FIELDS),
    readSite(s, site),
  ]);
  let pruned = 0;
  for (const build of buildsToPrune(deploys, record?.liveDeploy)) {
    if (await pruneBuild(s, build)) pruned++;
  }
  return pruned;
}
