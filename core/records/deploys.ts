/**
 * Publishing's records, shared by the edge (which starts deploys and shows
 * them) and the builder (which runs them and moves the live pointer). Pure:
 * keys, shapes, ids and the rules both sides apply, no I/O.
 *
 * A site's history lives in its own partition, `SITE#<name>`, as one
 * `DEPLOY#<id>` record per action, newest id last (ids sort by time):
 * - `build`: a publish. It goes queued → rendering → uploading →
 *   going-live → live, or ends `failed` naming the stage it failed in. Its
 *   files are under `sites/<name>/<id>/` in the bucket.
 * - `restore`: the live pointer moved back to the files of an earlier build
 *   (`restoreOf`), without a rebuild.
 * - `unpublish`: the site was taken off the host.
 *
 * The `SITE` record says which build's files visitors get (`liveDeploy`;
 * absent while unpublished) and holds the one-build-at-a-time lock
 * (`building`, the deploy id, with `buildDeadline`). DynamoDB is the truth
 * and the CloudFront KeyValueStore follows it: every change of `liveDeploy`
 * is written here first (conditionally, so a build that lost its lock
 * never goes live), then the store is made to match what this record says
 * (`desiredPointer`), re-reading until the two agree.
 */
import type { Site } from './sites';
import { sitePartition } from './sites';

/** The steps of a build, in order. */
export const deployStages = ['queued', 'rendering', 'uploading', 'going-live'] as const;
export type DeployStage = (typeof deployStages)[number];

/** Where a deploy is: one of its stages, or finished one way or the other. */
export type DeployState = DeployStage | 'live' | 'failed';

export type DeployKind = 'build' | 'restore' | 'unpublish';

/** When one stage began and how long it took (absent while it runs). */
export interface StageTiming {
  startedAt: string;
  ms?: number;
}

/** Pages (HTML files, by path) that differ from the build live before this one. */
export interface DeployChanges {
  added: string[];
  changed: string[];
  removed: string[];
  /** Set when the lists above were cut to `CHANGES_LISTED` each; the counts are whole. */
  counts?: { added: number; changed: number; removed: number };
}

export interface Deploy {
  id: string;
  site: string;
  kind: DeployKind;
  state: DeployState;
  /** The stage a failed deploy was in when it failed. */
  failedStage?: DeployStage;
  /** Who pressed the button: their DID and, for the history, their handle at the time. */
  byDid: string;
  byHandle: string;
  createdAt: string;
  updatedAt: string;
  /** A build not finished by then is failed (`isOverdue`); ISO time. */
  deadline?: string;
  stages: Partial<Record<DeployStage, StageTiming>>;
  /** The build's file count and bytes, once uploaded. */
  files?: number;
  bytes?: number;
  /** What the neighbor reads about the deploy, one plain sentence per line. */
  log: string[];
  changes?: DeployChanges;
  /**
   * Every file of a build with a short hash of its bytes, one `path hash`
   * per line, so the next build can say what changed.
   */
  manifest?: string;
  /** For a restore: the build whose files went live again. */
  restoreOf?: string;
  /** Set once a build's files were deleted (it can no longer be restored). */
  prunedAt?: string;
  version: number;
}

/** A build that has not reported back after this long is failed, and the site free to publish. */
export const DEPLOY_DEADLINE_MS = 5 * 60 * 1000;

/** Builds whose files are kept (besides the live one); older ones are pruned. */
export const KEEP_BUILDS = 10;

/** Publishes a member may start per hour. */
export const PUBLISHES_PER_HOUR = 10;

/** How many paths each of `DeployChanges`'s lists keeps. */
export const CHANGES_LISTED = 20;

export const DEPLOY_PREFIX = 'DEPLOY#';
export const deployKey = (site: string, id: string) => ({
  pk: sitePartition(site),
  sk: `${DEPLOY_PREFIX}${id}`,
});

/**
 * A new deploy id: the time in milliseconds (base 36, fixed width, so ids
 * sort by time as strings) and 8 random characters. URL-safe, so it is one
 * segment of the bucket's keys (`DEPLOY_ID_PATTERN`).
 */
export function newDeployId(now = new Date()): string {
  const time = now.getTime().toString(36).padStart(9, '0');
  const random = crypto.getRandomValues(new Uint8Array(8));
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return time + Array.from(random, (b) => alphabet[b % 36]).join('');
}

/** When the deploy with id `id` was made (ISO time), read back from the id itself. */
export const deployIdTime = (id: string) => new Date(parseInt(id.slice(0, 9), 36)).toISOString();

/** A new build record, queued, with its deadline. */
export function queuedBuild(
  site: string,
  id: string,
  by: { did: string; handle: string },
  now = new Date(),
): Deploy {
  const at = now.toISOString();
  return {
    id,
    site,
    kind: 'build',
    state: 'queued',
    byDid: by.did,
    byHandle: by.handle,
    createdAt: at,
    updatedAt: at,
    deadline: new Date(now.getTime() + DEPLOY_DEADLINE_MS).toISOString(),
    stages: { queued: { startedAt: at } },
    log: [],
    version: 1,
  };
}

/** Whether a deploy is still on its way (queued or in a stage). */
export const isRunning = (d: Pick<Deploy, 'state'>) => d.state !== 'live' && d.state !== 'failed';

/** A running deploy past its deadline: the builder never reported back. */
export const isOverdue = (d: Pick<Deploy, 'state' | 'deadline'>, now = new Date()) =>
  isRunning(d) && d.deadline !== undefined && Date.parse(d.deadline) <= now.getTime();

/** What the log says of a build that never reported back. */
export const overdueMessage = () =>
  `This publish did not finish within ${DEPLOY_DEADLINE_MS / 60_000} minutes, so it was stopped. Your live site is unchanged; you can publish again.`;

/** The record to store for `deploy`. */
export const deployRecord = (deploy: Deploy) => ({
  ...deployKey(deploy.site, deploy.id),
  ...deploy,
});

/** A stored record as a `Deploy`, or undefined for anything else in the partition. */
export function toDeploy(record: Record<string, unknown> | undefined): Deploy | undefined {
  if (!record || typeof record.sk !== 'string' || !record.sk.startsWith(DEPLOY_PREFIX)) {
    return undefined;
  }
  const { pk: _pk, sk: _sk, expiresAt: _e, ...rest } = record;
  const deploy = rest as unknown as Deploy;
  return { ...deploy, log: deploy.log ?? [], stages: deploy.stages ?? {} };
}

/**
 * What the live pointer must say for `site`, by its record: the live
 * build's id, or undefined (no key: "not published") when it has none, its
 * owner was removed, or it is closing or gone.
 */
export function desiredPointer(
  site: Pick<Site, 'liveDeploy' | 'offlineSince' | 'closedAt'> | undefined,
): string | undefined {
  if (!site || site.closedAt || site.offlineSince) return undefined;
  return site.liveDeploy;
}

/** Whether `site` holds a build lock that has not run out. */
export function holdsBuild(
  site: Pick<Site, 'building' | 'buildDeadline'>,
  now = new Date(),
): boolean {
  return !!site.building && !!site.buildDeadline && Date.parse(site.buildDeadline) > now.getTime();
}
