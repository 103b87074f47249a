/**
 * A site's entries and pages, and its trash. No transactions (it must run
 * on dynalite), so every multi-step change is ordered to fail safe:
 * - a new item claims its slug first (`item-slugs.ts`), and gives it back
 *   if the item cannot be written;
 * - a save checks the `version` it was opened at, so two tabs never
 *   overwrite each other; changing a slug claims the new one first, saves,
 *   then releases the old one;
 * - a trashed item keeps its slug claim, so restoring it always gives back
 *   the same address. Item and claim both carry `expiresAt` (`TRASH_DAYS`
 *   after deletion), so DynamoDB's TTL purges them together; until it
 *   does, readers treat them as gone;
 * - making an item, or a save that grows its text, first counts what the
 *   site holds against its bounds (`site-usage.ts`, which says why a count
 *   and not a counter, and what a race can overshoot).
 */
import {
  type ItemSummary,
  type SiteContents,
  summaryAttributes,
  itemKey,
  itemRecord,
  toSiteItem,
  TRASH_DAYS,
  type SiteItem,
} from '../../core/records/sites';
import type { ItemContent } from '../../templates/content';
import { conditionally, VersionConflict, type Written } from './conditional';
import type { Dynamo } from './dynamo';
import {
  claimSlug,
  expireClaim,
  keepClaim,
  releaseSlug,
  SlugTaken,
  storedItem,
  undoClaim,
} from './item-slugs';
import { purgeSeconds } from '../../core/records/time';
import { itemTextBytes } from '../../core/site-limits';
import { ensureRoom, itemRecords } from './site-usage';

export { slugHolder, SlugTaken, type SlugProblem } from './item-slugs';
export { VersionConflict };
export { SiteFull, siteUsage } from './site-usage';

/** Someone else saved or trashed the item since it was read; `current` is it as stored now. */
export class ItemVersionConflict extends VersionConflict<SiteItem> {}

/** Entries newest first (ties by creation), pages by title. */
const byDate = (a: ItemSummary, b: ItemSummary) =>
  b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt);
const byTitle = (a: ItemSummary, b: ItemSummary) => a.title.localeCompare(b.title, 'en');

/**
 * Every item of the site in one Query of its partition, sorted into entries,
 * pages and trash. Texts are left out: the lists never show them, and a
 * site's posts can hold megabytes.
 */
export async function listItems(db: Dynamo, site: string, now = new Date()): Promise<SiteContents> {
  const records = await itemRecords(db, site, summaryAttributes, now);
  const items = records.map((r) => toSiteItem(r)!) as ItemSummary[];
  const live = items.filter((i) => !i.deletedAt);
  return {
    entries: live.filter((i) => i.kind === 'entry').sort(byDate),
    pages: live.filter((i) => i.kind === 'page').sort(byTitle),
    trash: items
      .filter((i) => i.deletedAt)
      .sort((a, b) => b.deletedAt!.localeCompare(a.deletedAt!)),
  };
}

/** One item of the site (in the trash or not), or undefined if it is not this site's or was purged. */
export const getItem = storedItem;

/**
 * Adds an entry or page to the site under a free slug; throws `SlugTaken`
 * if another item has the slug (or a page asks for a reserved one), and
 * `SiteFull` if the site has no room for it.
 */
export async function createItem(
  db: Dynamo,
  site: string,
  content: ItemContent,
  now = new Date(),
): Promise<SiteItem> {
  const at = now.toISOString();
  const item: SiteItem = {
    ...content,
    id: crypto.randomUUID(),
    site,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await ensureRoom(db, site, content, undefined, now);
  await claimSlug(db, site, item.slug, item, now);
  try {
    await db.put(itemRecord(item), { condition: 'attribute_not_exists(pk)' });
  } catch (error) {
    await releaseSlug(db, site, item.slug, item.id).catch(() => undefined);
    throw error;
  }
  return item;
}

/**
 * Saves new content over `previous` if the stored item still has
 * `expectedVersion`; otherwise throws `ItemVersionConflict` with the item as
 * it is now, and nothing changes. A new slug is claimed before the save and
 * the old one released after it. The item's kind never changes. Throws
 * `SiteFull` if its text grows past the room the site has left.
 */
export async function saveItem(
  db: Dynamo,
  previous: SiteItem,
  content: ItemContent,
  expectedVersion: number,
  now = new Date(),
): Promise<SiteItem> {
  if (previous.version !== expectedVersion || previous.deletedAt)
    throw new ItemVersionConflict(previous);
  await ensureRoom(db, previous.site, content, itemTextBytes(previous), now);
  const saved: SiteItem = {
    ...previous,
    ...content,
    kind: previous.kind,
    updatedAt: now.toISOString(),
    version: expectedVersion + 1,
  };
  const moved = saved.slug !== previous.slug;
  const fresh = moved && (await claimSlug(db, previous.site, saved.slug, saved, now));
  let put: Written<void> | undefined;
  try {
    put = await conditionally(
      db.put(itemRecord(saved), {
        condition: '#version = :version AND attribute_not_exists(#deletedAt)',
        names: { '#version': 'version', '#deletedAt': 'deletedAt' },
        values: { ':version': expectedVersion },
      }),
    );
  } finally {
    if (fresh && !put?.written)
      await undoClaim(db, previous.site, saved.slug, saved.id).catch(() => undefined);
  }
  if (!put.written)
    throw new ItemVersionConflict(await getItem(db, previous.site, previous.id, now));
  if (moved) await releaseSlug(db, previous.site, previous.slug, previous.id);
  return saved;
}

/**
 * Moves an item to the trash, whatever its version (nothing is lost: the
 * trash keeps the latest content). It keeps its slug; both expire after
 * `TRASH_DAYS`. Returns undefined if there is no such item outside the trash.
 */
export async function trashItem(
  db: Dynamo,
  site: string,
  id: string,
  now = new Date(),
): Promise<SiteItem | undefined> {
  const deletedAt = now.toISOString();
  const expiresAt = purgeSeconds(deletedAt, TRASH_DAYS);
  const update = await conditionally(
    db.update(
      itemKey(site, id),
      'SET #deletedAt = :at, #updatedAt = :at, #expiresAt = :expires ADD #version :one',
      {
        condition: 'attribute_exists(pk) AND attribute_not_exists(#deletedAt)',
        names: {
          '#deletedAt': 'deletedAt',
          '#updatedAt': 'updatedAt',
          '#expiresAt': 'expiresAt',
          '#version': 'version',
        },
        values: { ':at': deletedAt, ':expires': expiresAt, ':one': 1 },
      },
    ),
  );
  const trashed = update.written ? toSiteItem(update.value) : undefined;
  if (!trashed) return undefined;
  // After the item, so a failure here leaves a claim without expiry: stale once the item is purged.
  await expireClaim(db, site, trashed.slug, id, expiresAt);
  return trashed;
}

/** The slug back for a restored item: its own claim if it still has it, else the first free variant. */
async function reclaimSlug(db: Dynamo, item: SiteItem, now: Date) {
  if (await keepClaim(db, item.site, item.slug, item.id)) return { slug: item.slug, fresh: false };
  for (let n = 1; ; n++) {
    const slug = n === 1 ? item.slug : `${item.slug.slice(0, 75)}-${n}`;
    try {
      return { slug, fresh: await claimSlug(db, item.site, slug, item, now) };
    } catch (error) {
      if (!(error instanceof SlugTaken) || n >= 50) throw error;
    }
  }
}

/**
 * Takes an item out of the trash. Its slug is normally still its own; if it
 * was lost (a purge raced the restore), it gets the first free variant
 * (`slug-2`, …). Returns undefined if the item is not in the trash.
 */
export async function restoreItem(
  db: Dynamo,
  site: string,
  id: string,
  now = new Date(),
): Promise<SiteItem | undefined> {
  const item = await getItem(db, site, id, now);
  if (!item?.deletedAt) return undefined;
  const { slug, fresh } = await reclaimSlug(db, item, now);
  let update: Written<Record<string, unknown>> | undefined;
  try {
    update = await conditionally(
      db.update(
        itemKey(site, id),
        'SET #slug = :slug, #updatedAt = :at ADD #version :one REMOVE #deletedAt, #expiresAt',
        {
          condition: '#version = :version AND attribute_exists(#deletedAt)',
          names: {
            '#slug': 'slug',
            '#updatedAt': 'updatedAt',
            '#version': 'version',
            '#deletedAt': 'deletedAt',
            '#expiresAt': 'expiresAt',
          },
          values: { ':slug': slug, ':at': now.toISOString(), ':one': 1, ':version': item.version },
        },
      ),
    );
  } finally {
    if (fresh && !update?.written) await undoClaim(db, site, slug, id).catch(() => undefined);
  }
  return update.written ? toSiteItem(update.value) : undefined;
}
