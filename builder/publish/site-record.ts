/**
 * The builder's writes to a site's `SITE` record: which build is live
 * (`liveDeploy`, with `publishedAt`) and the one-build-at-a-time lock
 * (`building`, `buildDeadline`). Each write is conditional on what the
 * writer last saw, so a build that lost its lock, or a restore that
 * another change overtook, finds out instead of overwriting. The site's
 * `version` is left alone: it guards the member's settings edits, which
 * publishing must not make look out of date.
 *
 * Every write of `liveDeploy` also sets (or removes) the `byName` index
 * attributes that list the site among the neighborhood's published ones,
 * from `publishedIndexAttributes` (`core/records/published.ts`), for the
 * site as the write leaves it.
 */
import { UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { publishedIndexAttributes } from '../../core/records/published';
import { siteKey } from '../../core/records/sites';
import type { BuilderServices } from '../handler';
import { conditionFailed, getRecord, plainItem, sdkItem } from './deploy-records';

type Db = Pick<BuilderServices, 'dynamo' | 'config'>;

/** The fields of a `SITE` record publishing reads; a name hold has none of them. */
export interface SiteState {
  ownerDid?: string;
  liveDeploy?: string;
  publishedAt?: string;
  building?: string;
  buildDeadline?: string;
  offlineSince?: string;
  closedAt?: string;
}

/** The `SITE` record of `site` as it is now (strongly consistent), or undefined when gone. */
export async function readSite(db: Db, site: string): Promise<SiteState | undefined> {
  return (await getRecord(db, siteKey(site))) as SiteState | undefined;
}

/** Whether a record is a site that exists and may be served (not closing, not a name hold). */
export const isOpenSite = (s: SiteState | undefined): s is SiteState & { ownerDid: string } =>
  !!s?.ownerDid && !s.closedAt;

/** The SET and REMOVE parts that keep the published list in step with `site` as written. */
function listing(
  site: Parameters<typeof publishedIndexAttributes>[0],
  sets: string[],
  removes: string[],
  values: Record<string, AttributeValue>,
): void {
  const index = publishedIndexAttributes(site);
  if (index) {
    sets.push('gsi2pk = :listPk', 'gsi2sk = :listSk');
    values[':listPk'] = { S: index.gsi2pk };
    values[':listSk'] = { S: index.gsi2sk };
  } else removes.push('gsi2pk', 'gsi2sk');
}

/** `SET a, b REMOVE c`, either part left out when empty. */
const updateExpression = (sets: string[], removes: string[]) =>
  [sets.length && `SET ${sets.join(', ')}`, removes.length && `REMOVE ${removes.join(', ')}`]
    .filter(Boolean)
    .join(' ');

async function update(
  { dynamo, config }: Db,
  site: string,
  expression: string,
  condition: string,
  values: Record<string, AttributeValue>,
): Promise<SiteState | undefined> {
  try {
    const out = await dynamo.send(
      new UpdateItemCommand({
        TableName: config.table,
        Key: sdkItem(siteKey(site)),
        UpdateExpression: expression,
        ConditionExpression: condition,
        ...(Object.keys(values).length && { ExpressionAttributeValues: values }),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes ? (plainItem(out.Attributes) as SiteState) : {};
  } catch (error) {
    if (conditionFailed(error)) return undefined;
    throw error;
  }
}

/**
 * Makes build `id` the live one and releases its lock, only while it still
 * holds the lock (before its deadline) and the site is open and online.
 * Returns the record as it was before (for `liveDeploy`, the build live
 * until now), or undefined when the build lost its lock or the site went.
 */
export function takeLive(db: Db, site: string, id: string, now = new Date()) {
  const at = now.toISOString();
  const values: Record<string, AttributeValue> = { ':id': { S: id }, ':now': { S: at } };
  const sets = ['liveDeploy = :id', 'publishedAt = :now'];
  const removes = ['building', 'buildDeadline'];
  // The condition below makes the site open and online, so this is how it will be listed.
  listing({ name: site, liveDeploy: id, publishedAt: at }, sets, removes, values);
  return update(
    db,
    site,
    updateExpression(sets, removes),
    'building = :id AND buildDeadline > :now AND attribute_exists(ownerDid) AND ' +
      'attribute_not_exists(closedAt) AND attribute_not_exists(offlineSince)',
    values,
  );
}

/**
 * Points `liveDeploy` at `next` (or removes it) if it still says `previous`
 * and the site is open. Returns the old record, or undefined when another
 * change came first. `publishedAt` is set (or, with `publishedAt`, put back).
 */
export function moveLive(
  db: Db,
  site: string,
  previous: string | undefined,
  next: string | undefined,
  publishedAt: string | undefined = new Date().toISOString(),
) {
  const values: Record<string, AttributeValue> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  if (next) {
    sets.push('liveDeploy = :next');
    values[':next'] = { S: next };
  } else removes.push('liveDeploy');
  if (publishedAt) {
    sets.push('publishedAt = :at');
    values[':at'] = { S: publishedAt };
  } else removes.push('publishedAt');
  let condition = 'attribute_exists(ownerDid) AND attribute_not_exists(closedAt) AND ';
  // A site only goes live while its owner is in the neighborhood; it may always go offline.
  if (next) condition += 'attribute_not_exists(offlineSince) AND ';
  if (previous) {
    condition += 'liveDeploy = :previous';
    values[':previous'] = { S: previous };
  } else condition += 'attribute_not_exists(liveDeploy)';
  listing({ name: site, liveDeploy: next, publishedAt }, sets, removes, values);
  return update(db, site, updateExpression(sets, removes), condition, values);
}

/**
 * Puts `liveDeploy` back to `previous` after build or restore `id` could
 * not be shown to visitors, only if it still says `id` (a later change
 * stands). True when it was put back.
 */
export async function rollBackLive(
  db: Db,
  site: string,
  id: string,
  previous: SiteState,
): Promise<boolean> {
  const values: Record<string, AttributeValue> = { ':id': { S: id } };
  const sets: string[] = [];
  const removes: string[] = [];
  for (const field of ['liveDeploy', 'publishedAt'] as const) {
    const value = previous[field];
    if (value) {
      sets.push(`${field} = :${field}`);
      values[`:${field}`] = { S: value };
    } else removes.push(field);
  }
  listing({ ...previous, name: site }, sets, removes, values);
  return (
    (await update(db, site, updateExpression(sets, removes), 'liveDeploy = :id', values)) !==
    undefined
  );
}

/** Releases the lock if build `id` still holds it; nothing otherwise. */
export async function releaseLock(db: Db, site: string, id: string): Promise<void> {
  await update(db, site, 'REMOVE building, buildDeadline', 'building = :id', { ':id': { S: id } });
}
