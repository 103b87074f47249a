/**
 * Closing a deleted account's sites, in steps that can stop anywhere and
 * resume. A site may hold 1,000 items and as many slug claims, more
 * DynamoDB calls than one Worker request may make, so the work is spent
 * from a `CallBudget` and picked up by the next attempt:
 * 1. every site of the owner is marked `closedAt` first, so all of them
 *    vanish from every page (and the builder) at once;
 * 2. each site's partition is read a page of keys at a time and deleted in
 *    batches of 25 (`Dynamo.deleteMany`), the `SITE` item last;
 * 3. `SITE` is then replaced by a bare name hold (`nameHoldRecord`), which
 *    carries neither the owner nor the content and which TTL removes
 *    `NAME_HOLD_DAYS` later.
 * Until step 3 the `SITE` item stays on the owner's index list, so a later
 * attempt finds every site not yet done, closed or not.
 */
import {
  nameHoldRecord,
  ownerSitesPartition,
  siteKey,
  sitePartition,
} from '../../core/records/sites';
import { conditionally } from './conditional';
import type { Dynamo, Key } from './dynamo';

/**
 * DynamoDB calls a deletion may spend on sites in one request: the Workers
 * free plan allows 50 subrequests, and the session, the member and the
 * last steps of the deletion take some of them.
 */
export const DELETION_BUDGET = 30;

/** DynamoDB calls one request may still spend; each helper takes what it uses. */
export interface CallBudget {
  left: number;
}

/** Keys read per page of a site's partition: at most four batch deletes and one query. */
export const PURGE_PAGE = 100;

const batches = (keys: number) => Math.ceil(keys / 25);

/** The names of every site of `did` not yet reduced to a name hold, closed ones included. */
async function ownedSiteNames(db: Dynamo, did: string, budget: CallBudget): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    budget.left--;
    const page = await db.page<{ sk: string; name: string }>(ownerSitesPartition(did), {
      index: 'byTime',
      cursor,
    });
    for (const record of page.items) if (record.sk === 'SITE') names.push(record.name);
    cursor = page.next;
  } while (cursor);
  return names;
}

/**
 * Marks every site of `did` closed (once; a resumed attempt keeps the first
 * time) and returns their names with the time each was closed.
 */
async function closeSites(db: Dynamo, did: string, budget: CallBudget, now: Date) {
  const closed: { name: string; closedAt: string }[] = [];
  for (const name of await ownedSiteNames(db, did, budget)) {
    budget.left--;
    const site = await conditionally(
      db.update<{ closedAt: string }>(siteKey(name), 'SET #closed = if_not_exists(#closed, :now)', {
        condition: '#owner = :did',
        names: { '#closed': 'closedAt', '#owner': 'ownerDid' },
        values: { ':now': now.toISOString(), ':did': did },
      }),
    );
    // Not written: the index still listed a site already reduced to its name hold.
    if (site.written) closed.push({ name, closedAt: site.value.closedAt });
  }
  return closed;
}

/**
 * Deletes what a closed site holds but its `SITE` item, as far as `budget`
 * allows. True when done.
 */
export async function purgeContent(db: Dynamo, name: string, budget: CallBudget): Promise<boolean> {
  let cursor: string | undefined;
  do {
    if (budget.left < 1 + batches(PURGE_PAGE)) return false;
    budget.left--;
    const page = await db.page<Key>(sitePartition(name), {
      limit: PURGE_PAGE,
      attributes: [],
      cursor,
    });
    const keys = page.items.filter((k) => k.sk !== 'SITE').map(({ pk, sk }) => ({ pk, sk }));
    budget.left -= batches(keys.length);
    await db.deleteMany(keys);
    cursor = page.next;
  } while (cursor);
  return true;
}

/**
 * Deletes what a closed site holds, as far as `budget` allows; when nothing
 * but `SITE` is left, replaces it with the name hold. True when done.
 */
async function purgeSite(
  db: Dynamo,
  name: string,
  closedAt: string,
  budget: CallBudget,
): Promise<boolean> {
  if (!(await purgeContent(db, name, budget))) return false;
  if (budget.left < 1) return false;
  budget.left--;
  await db.put(nameHoldRecord(name, closedAt));
  return true;
}

/**
 * Closes and purges every site of `did` within `budget`. True when none is
 * left but name holds; false when the budget ran out first (call again).
 */
export async function closeOwnerSites(
  db: Dynamo,
  did: string,
  budget: CallBudget,
  onClosed?: (names: readonly string[]) => Promise<void>,
  now = new Date(),
): Promise<boolean> {
  const closed = await closeSites(db, did, budget, now);
  await onClosed?.(closed.map((s) => s.name));
  for (const { name, closedAt } of closed) {
    if (!(await purgeSite(db, name, closedAt, budget))) return false;
  }
  return true;
}
