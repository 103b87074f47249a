/**
 * Deploys as the edge sees them: starting a build, reading one deploy and a
 * site's history, and ending a build that never reported back. The builder
 * moves a build through its stages; the edge writes only its start
 * (`queued`) and, when nobody else will, its end (`failed`).
 *
 * Starting writes the queued record first, then takes the site's
 * one-build-at-a-time lock (a conditional update of the `SITE` record,
 * refused while another build holds it, and for a site that is offline or
 * closing); a refused lock deletes the record again, which nobody else has
 * seen the id of. In that order the lock never names a build without a
 * record, so "a build is running" can always show it; a record whose lock
 * write was lost ends failed at its deadline like any lost build. The lock
 * carries the build's deadline, so a lock whose build was lost frees
 * itself; showing such a build (`failOverdue`) also marks it failed and
 * frees the lock at once. None of this touches the site's `version`, which
 * guards its settings form.
 */
import {
  deployKey,
  DEPLOY_PREFIX,
  deployRecord,
  holdsBuild,
  isOverdue,
  newDeployId,
  overdueMessage,
  queuedBuild,
  toDeploy,
  type Deploy,
  type DeployStage,
} from '../../core/records/deploys';
import { DEPLOY_ID_PATTERN } from '../../core/live-pointer';
import { siteKey, sitePartition, type Site } from '../../core/records/sites';
import { conditionally } from './conditional';
import { DynamoUncertainWrite, type Dynamo, type Page } from './dynamo';
import { allow, limits, secondsUntilReset } from './rate-limit';
import { getSite } from './sites';

/** Another build of the site is running; `deploy` is its id. */
export class BuildRunning extends Error {
  override name = 'BuildRunning';
  constructor(readonly deploy: string) {
    super(`build ${deploy} is running`);
  }
}

/** The member started as many builds as an hour allows; the window ends in `retryAfter` s. */
export class PublishLimitReached extends Error {
  override name = 'PublishLimitReached';
  constructor(readonly retryAfter: number) {
    super('publish limit reached');
  }
}

/** The site is offline (its owner removed) or being deleted: it cannot be published. */
export class SiteNotPublishable extends Error {
  override name = 'SiteNotPublishable';
}

/** Builds listed on one page of the history. */
export const DEPLOYS_PER_PAGE = 20;

/** What the history shows of a deploy: everything but its log and file list, which can be long. */
const historyAttributes = [
  'id',
  'site',
  'kind',
  'state',
  'failedStage',
  'byDid',
  'byHandle',
  'createdAt',
  'updatedAt',
  'deadline',
  'stages',
  'files',
  'bytes',
  'changes',
  'restoreOf',
  'prunedAt',
  'version',
] as const satisfies readonly (keyof Deploy)[];

/** Takes the site's build lock for `deploy`; whoever holds it already, if refused. */
async function lockSite(db: Dynamo, site: string, deploy: Deploy, now: Date): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const locked = await conditionally(
      db.update(siteKey(site), 'SET #building = :id, #deadline = :deadline', {
        condition:
          '(attribute_not_exists(#building) OR #deadline <= :now) AND attribute_exists(#owner)' +
          ' AND attribute_not_exists(#offline) AND attribute_not_exists(#closed)',
        names: {
          '#building': 'building',
          '#deadline': 'buildDeadline',
          '#owner': 'ownerDid',
          '#offline': 'offlineSince',
          '#closed': 'closedAt',
        },
        values: { ':id': deploy.id, ':deadline': deploy.deadline, ':now': now.toISOString() },
      }),
    );
    if (locked.written) return;
    const current = await getSite(db, site);
    if (!current || current.offlineSince) throw new SiteNotPublishable();
    if (current.building && holdsBuild(current, now)) throw new BuildRunning(current.building);
    // The lock was given back between the write and the read: try once more.
  }
  throw new Error(`the build lock of ${site} was refused with no build holding it`);
}

/** Gives back the site's build lock if `deploy` still holds it. */
export async function releaseLock(db: Dynamo, site: string, deploy: string): Promise<void> {
  await conditionally(
    db.update(siteKey(site), 'REMOVE #building, #deadline', {
      condition: '#building = :id',
      names: { '#building': 'building', '#deadline': 'buildDeadline' },
      values: { ':id': deploy },
    }),
  );
}

/**
 * Starts a build of `site` by `by`: writes the queued record and takes the
 * site's lock for it, which the caller then hands to the builder. Throws
 * `BuildRunning` while another build holds the lock (checked first, so a
 * double click never spends the member's hourly allowance),
 * `PublishLimitReached` past `PUBLISHES_PER_HOUR`, and `SiteNotPublishable`.
 */
export async function startBuild(
  db: Dynamo,
  site: Site,
  by: { did: string; handle: string },
  now = new Date(),
): Promise<Deploy> {
  if (site.building && holdsBuild(site, now)) throw new BuildRunning(site.building);
  if (site.offlineSince) throw new SiteNotPublishable();
  if (!(await allow(db, limits.publish, by.did))) {
    throw new PublishLimitReached(secondsUntilReset(limits.publish));
  }
  const deploy = queuedBuild(site.name, newDeployId(now), by, now);
  await db.put(deployRecord(deploy), { condition: 'attribute_not_exists(pk)' });
  try {
    await lockSite(db, site.name, deploy, now);
  } catch (error) {
    // A lock write whose answer was lost may have taken the lock: keep the record it names.
    if (!(error instanceof DynamoUncertainWrite)) {
      await db.delete(deployKey(site.name, deploy.id)).catch(() => undefined);
    }
    throw error;
  }
  return deploy;
}

/** The deploy `id` of `site`, or undefined when the site has no such deploy. */
export async function getDeploy(db: Dynamo, site: string, id: string): Promise<Deploy | undefined> {
  if (!DEPLOY_ID_PATTERN.test(id)) return undefined;
  return toDeploy(await db.get(deployKey(site, id)));
}

/**
 * Ends the running `deploy` in `state`, adding `message` to its log (and,
 * failed, naming the stage it was in), unless it moved on since it was
 * read. Returns the record as written, or undefined when it had moved on.
 */
async function endDeploy(
  db: Dynamo,
  deploy: Deploy,
  state: 'failed' | 'live',
  message: string,
  now: Date,
): Promise<Deploy | undefined> {
  const failed = state === 'failed';
  const ended = await conditionally(
    db.update(
      deployKey(deploy.site, deploy.id),
      'SET #state = :end, #log = list_append(if_not_exists(#log, :none), :lines),' +
        ` #updatedAt = :now, #version = :next${failed ? ', #failedStage = :stage' : ''}`,
      {
        condition: '#version = :version AND #state = :state',
        names: {
          '#state': 'state',
          '#log': 'log',
          '#updatedAt': 'updatedAt',
          '#version': 'version',
          ...(failed && { '#failedStage': 'failedStage' }),
        },
        values: {
          ':end': state,
          ':none': [],
          ':lines': [message],
          ':now': now.toISOString(),
          ':version': deploy.version,
          ':next': deploy.version + 1,
          ':state': deploy.state,
          ...(failed && { ':stage': deploy.state as DeployStage }),
        },
      },
    ),
  );
  return ended.written ? toDeploy(ended.value) : undefined;
}

/**
 * Ends the running `deploy` as failed in the stage it is in, with `message`
 * in its log, unless it moved on since it was read; then gives back the
 * site's lock if it holds it. Returns the deploy as it is now.
 */
export async function failDeploy(
  db: Dynamo,
  deploy: Deploy,
  message: string,
  now = new Date(),
): Promise<Deploy> {
  const failed = await endDeploy(db, deploy, 'failed', message, now);
  if (!failed) return (await getDeploy(db, deploy.site, deploy.id)) ?? deploy;
  await releaseLock(db, deploy.site, deploy.id);
  return failed;
}

/**
 * A running deploy past its deadline (its build was lost: the builder
 * crashed, timed out or never got the event) ends failed, saying so, and the
 * site may publish again; unless the site went live with it (the builder
 * stopped between taking the site live and finishing the record), when it
 * ends live. Any other deploy comes back as it is.
 */
export async function failOverdue(db: Dynamo, deploy: Deploy, now = new Date()): Promise<Deploy> {
  if (!isOverdue(deploy, now)) return deploy;
  if ((await getSite(db, deploy.site))?.liveDeploy === deploy.id) {
    const live = await endDeploy(db, deploy, 'live', LOST_BUT_LIVE, now);
    return live ?? (await getDeploy(db, deploy.site, deploy.id)) ?? deploy;
  }
  return failDeploy(db, deploy, overdueMessage(), now);
}

/** What the log says of a build that went live but never finished its record. */
export const LOST_BUT_LIVE =
  'Your site is live with this version. The builder stopped before it could note the details, so some figures are missing.';

/**
 * One page of the site's history, newest first, without logs and file
 * lists; lost builds on it are ended first (`failOverdue`).
 */
export async function listDeploys(
  db: Dynamo,
  site: string,
  cursor?: string,
  { limit = DEPLOYS_PER_PAGE, now = new Date() } = {},
): Promise<Page<Deploy>> {
  const page = await db.page<Record<string, unknown>>(sitePartition(site), {
    prefix: DEPLOY_PREFIX,
    newestFirst: true,
    limit,
    cursor,
    attributes: historyAttributes,
  });
  const deploys = page.items.flatMap((record) => toDeploy(record) ?? []);
  return {
    items: await Promise.all(deploys.map((deploy) => failOverdue(db, deploy, now))),
    next: page.next,
  };
}

/** The site's newest deploy, if it has any. */
export async function latestDeploy(
  db: Dynamo,
  site: string,
  now = new Date(),
): Promise<Deploy | undefined> {
  return (await listDeploys(db, site, undefined, { limit: 1, now })).items[0];
}
