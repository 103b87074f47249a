/**
 * Deleting one site, at its owner's request, in the steps account deletion
 * takes (`site-closing.ts`), so it can stop when the request's budget runs
 * out and carry on when asked again:
 * 1. the `SITE` item is marked `closedAt` (only by its owner): the site is
 *    gone from every page and from the host's list at once, and the host
 *    is told to purge its files (`purgeHost`);
 * 2. the partition is deleted a page at a time, `SITE` left last;
 * 3. `SITE` itself is deleted, and only the attempt whose delete took it
 *    gives the owner's site slot back, so two attempts never give back two.
 *
 * Unlike a deleted account's sites, the name is freed at once, not held:
 * the owner chose to let this one address go (and may want it again for a
 * fresh start), at the price that a newcomer could take it the same day
 * while old links and feed readers still point there.
 */
import { siteKey } from '../../core/records/sites';
import { conditionally } from './conditional';
import type { Dynamo } from './dynamo';
import { tellHost, type HostHook } from './host-hook';
import { DELETION_BUDGET, purgeContent, type CallBudget } from './site-closing';
import { releaseSiteSlot } from './sites';

/**
 * Whether `did` owns the site named `name`, open or still being deleted
 * (so an unfinished deletion can be carried on after the site vanished).
 */
export async function ownsSiteOrDeletion(db: Dynamo, name: string, did: string) {
  const record = await db.get<{ ownerDid?: string }>(siteKey(name));
  return !!record && record.ownerDid === did;
}

/**
 * Deletes the site `name` of `did` within `budget` DynamoDB calls:
 * `'deleted'` once nothing of it is left, `'unfinished'` when the budget ran
 * out first (call again), `'missing'` when `did` has no such site.
 */
export async function deleteSite(
  db: Dynamo,
  name: string,
  did: string,
  {
    purgeHost,
    budget = { left: DELETION_BUDGET },
  }: { purgeHost?: HostHook; budget?: CallBudget } = {},
): Promise<'deleted' | 'unfinished' | 'missing'> {
  budget.left--;
  const closed = await conditionally(
    db.update(siteKey(name), 'SET #closed = if_not_exists(#closed, :now)', {
      condition: '#owner = :did',
      names: { '#closed': 'closedAt', '#owner': 'ownerDid' },
      values: { ':now': new Date().toISOString(), ':did': did },
    }),
  );
  if (!closed.written) return 'missing';
  await tellHost(purgeHost, [name]);
  if (!(await purgeContent(db, name, budget)) || budget.left < 1) return 'unfinished';
  budget.left--;
  const deleted = await conditionally(
    db.delete(siteKey(name), {
      condition: '#owner = :did AND attribute_exists(#closed)',
      names: { '#closed': 'closedAt', '#owner': 'ownerDid' },
      values: { ':did': did },
    }),
  );
  if (deleted.written) await releaseSiteSlot(db, did);
  return 'deleted';
}
