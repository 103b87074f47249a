/**
 * Helpers for the publishing tests: a build started through the real data
 * layer, and the builder's side of a deploy (its stages, how it ended, the
 * site's live build and lock) written to the real table the way the builder
 * writes it, so the edge's pages can be checked at every point of a build.
 */
import { app } from '../../edge/app';
import { startBuild } from '../../edge/db/deploys';
import { getSite } from '../../edge/db/sites';
import {
  deployRecord,
  newDeployId,
  type Deploy,
  type DeployStage,
} from '../../core/records/deploys';
import { sitePartition, siteKey } from '../../core/records/sites';
import { bindings, db, ORIGIN } from './support';
import type { Owner } from './item-support';

/** A build of the owner's site, started as Publish starts it (`now` moves its clock). */
export async function runningBuild(owner: Owner, now?: Date): Promise<Deploy> {
  const site = (await getSite(db, owner.site.name))!;
  return startBuild(db, site, { did: owner.member.did, handle: owner.member.handle }, now);
}

/** The build gone live, as the builder leaves it: timings, files, the site's live build, no lock. */
export async function wentLive(deploy: Deploy, extra: Partial<Deploy> = {}): Promise<Deploy> {
  const at = new Date(Date.parse(deploy.createdAt) + 1500).toISOString();
  const live: Deploy = {
    ...deploy,
    state: 'live',
    stages: {
      queued: { startedAt: deploy.createdAt, ms: 100 },
      rendering: { startedAt: deploy.createdAt, ms: 700 },
      uploading: { startedAt: deploy.createdAt, ms: 500 },
      'going-live': { startedAt: deploy.createdAt, ms: 200 },
    },
    files: 14,
    bytes: 48_000,
    log: ['Rendered 9 pages in 0.7 s', 'Uploaded 14 files (47 KB)', 'Your site is live'],
    updatedAt: at,
    version: deploy.version + 1,
    ...extra,
  };
  await db.put(deployRecord(live));
  await db.update(
    siteKey(deploy.site),
    'SET liveDeploy = :id, publishedAt = :at REMOVE building, buildDeadline',
    {
      values: { ':id': deploy.id, ':at': at },
    },
  );
  return live;
}

/** The build failed in `stage`, as the builder leaves it: the log says why, the lock is given back. */
export async function failedIn(deploy: Deploy, stage: DeployStage, why: string): Promise<Deploy> {
  const failed: Deploy = {
    ...deploy,
    state: 'failed',
    failedStage: stage,
    log: [why, 'Your live site is unchanged.'],
    version: deploy.version + 1,
  };
  await db.put(deployRecord(failed));
  await db.update(siteKey(deploy.site), 'REMOVE building, buildDeadline');
  return failed;
}

/** A finished deploy of `site` written straight to its history, made at `at`. */
export async function pastDeploy(site: string, at: Date, fields: Partial<Deploy>): Promise<Deploy> {
  const deploy: Deploy = {
    id: newDeployId(at),
    site,
    kind: 'build',
    state: 'live',
    byDid: 'did:plc:pastdeployer',
    byHandle: 'past.test',
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    stages: {},
    log: [],
    version: 2,
    ...fields,
  };
  await db.put(deployRecord(deploy));
  return deploy;
}

/** Every deploy record of the site, oldest first. */
export const storedDeploys = (site: string) =>
  db.query<Deploy>(sitePartition(site), { prefix: 'DEPLOY#' });

/** The app answering `path` with its builder at `builderUrl` (the stack's dead or slow one). */
export function withBuilder(
  builderUrl: string,
  path: string,
  init: RequestInit & { headers?: Record<string, string> },
) {
  return app.request(
    `${ORIGIN}${path}`,
    { redirect: 'manual', ...init },
    {
      ...bindings,
      BUILDER_URL: builderUrl,
    },
  );
}
