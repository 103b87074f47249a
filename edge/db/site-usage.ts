/**
 * What a site holds, counted against its bounds (`core/site-limits.ts`)
 * before an item is made or its text grows. Each item record carries its
 * own `textBytes`, so the count is one Query of the site's partition that
 * reads three small attributes per item, never the texts.
 *
 * Checked before writing, not kept in a counter: without transactions a
 * counter beside the items can drift from them, while a fresh count cannot.
 * The price is that two saves racing (two tabs pressing Save at once) can
 * each see room for itself, so a site can overshoot a bound by what those
 * saves add, at most one item or one text each. The builder then refuses
 * to render it until something goes to the trash, and the editor refuses
 * to grow it further; nothing is lost either way.
 */
import { isPurged, sitePartition, toSiteItem } from '../../core/records/sites';
import { brokenBound, itemTextBytes, type SiteBound, type SiteUsage } from '../../core/site-limits';
import type { ItemContent } from '../../templates/content';
import type { Dynamo } from './dynamo';

/** Making or growing an item would take the site past `bound`; nothing was written. */
export class SiteFull extends Error {
  override name = 'SiteFull';
  constructor(
    readonly bound: SiteBound,
    /** What the site held before the change. */
    readonly usage: SiteUsage,
    /** The bytes of text the item would have held. */
    readonly itemBytes: number,
  ) {
    super(`site is full (${bound})`);
  }
}

/**
 * The stored records of every item of the site not yet purged (the trash
 * included), with only `attributes` besides their keys: one Query, which
 * DynamoDB pages only past 1 MB. The dashboard's lists and the usage count
 * both read the site this way.
 */
export async function itemRecords(
  db: Dynamo,
  site: string,
  attributes: readonly string[],
  now = new Date(),
): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await db.page<Record<string, unknown>>(sitePartition(site), {
      prefix: 'ITEM#',
      cursor,
      attributes: [...new Set(['kind', 'deletedAt', ...attributes])],
    });
    for (const record of page.items) {
      const item = toSiteItem(record);
      if (item && !isPurged(item, now)) records.push(record);
    }
    cursor = page.next;
  } while (cursor);
  return records;
}

/** What the site holds: every item not yet purged, the trash included, and their text's bytes. */
export async function siteUsage(db: Dynamo, site: string, now = new Date()): Promise<SiteUsage> {
  const records = await itemRecords(db, site, ['textBytes'], now);
  // Records written before items carried their size count from their next save.
  const textBytes = records.reduce(
    (sum, r) => sum + (typeof r.textBytes === 'number' ? r.textBytes : 0),
    0,
  );
  return { items: records.length, textBytes };
}

/**
 * Throws `SiteFull` if writing `content` (a new item, or one that held
 * `previousBytes` of text) would take the site past a bound. A change that
 * adds no item and no text is never refused, and costs no read.
 */
export async function ensureRoom(
  db: Dynamo,
  site: string,
  content: ItemContent,
  previousBytes: number | undefined,
  now = new Date(),
): Promise<void> {
  const bytes = itemTextBytes(content);
  const added = previousBytes === undefined ? 1 : 0;
  const grown = bytes - (previousBytes ?? 0);
  if (added === 0 && grown <= 0) return;
  const usage = await siteUsage(db, site, now);
  const bound = brokenBound(usage, {
    items: usage.items + added,
    textBytes: usage.textBytes + grown,
  });
  if (bound) throw new SiteFull(bound, usage, bytes);
}
