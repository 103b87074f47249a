/**
 * A site's bounds in the data layer, on both local DynamoDBs: the item
 * after the last that fits is refused (the trash counts), text past the
 * site's bytes is refused, and nothing is written when a bound refuses;
 * shortening a text always saves. The rule itself is `core/site-limits.ts`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { itemRecord, slugKey, type SiteItem } from '../../core/records/sites';
import { itemTextBytes, siteLimits, sizeText } from '../../core/site-limits';
import type { Dynamo } from '../../edge/db/dynamo';
import {
  createItem,
  listItems,
  saveItem,
  SiteFull,
  siteUsage,
  trashItem,
} from '../../edge/db/items';
import { itemContent } from '../support/item-content';
import { onEveryBackend } from './backends';

let sites = 0;
const newSite = () => `limits-${++sites}-${Math.random().toString(36).slice(2, 8)}`;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('itemTextBytes and sizeText', () => {
  it('counts every field a neighbor writes as UTF-8', () => {
    const item = itemContent({ title: 'é', summary: 'ab', body: '蜂🐝', tags: ['x'] });
    expect(itemTextBytes(item)).toBe(2 + 2 + 3 + 4 + 1);
    expect(sizeText(siteLimits.textBytes)).toBe('5 MB');
    expect(sizeText(95_000)).toBe('93 KB');
  });
});

onEveryBackend('site bounds', (client) => {
  let db: Dynamo;
  beforeAll(() => {
    db = client();
  });

  /** `count` items written straight to the table, the first `trashed` of them in the trash. */
  async function fill(site: string, count: number, body = 'Short.', trashed = 0) {
    const at = new Date().toISOString();
    const records = Array.from({ length: count }, (_, i): SiteItem => ({
      ...itemContent({ title: `Note ${i}`, slug: `note-${i}`, body }),
      id: `note-${i}`,
      site,
      createdAt: at,
      updatedAt: at,
      ...(i < trashed && { deletedAt: at }),
      version: 1,
    }));
    for (let i = 0; i < records.length; i += 50) {
      await Promise.all(records.slice(i, i + 50).map((r) => db.put(itemRecord(r))));
    }
  }

  it('refuses the item after the last that fits, counting the trash, and writes nothing', async () => {
    const site = newSite();
    await fill(site, siteLimits.items, 'Short.', 10);
    expect((await siteUsage(db, site)).items).toBe(siteLimits.items);
    const error = await rejection(
      createItem(db, site, itemContent({ title: 'One more', slug: 'one-more' })),
    );
    expect(error).toBeInstanceOf(SiteFull);
    expect((error as SiteFull).bound).toBe('items');
    expect(await db.get(slugKey(site, 'one-more'))).toBeUndefined();
    const { entries, trash } = await listItems(db, site);
    expect(entries.length + trash.length).toBe(siteLimits.items);
  }, 120_000);

  it('refuses text past the site’s bytes, and always saves a shorter text', async () => {
    const site = newSite();
    const body = 'x'.repeat(95_000);
    await fill(site, Math.floor(siteLimits.textBytes / 95_020), body);
    const before = await siteUsage(db, site);
    expect(before.textBytes).toBeLessThanOrEqual(siteLimits.textBytes);
    const room = siteLimits.textBytes - before.textBytes;

    const long = itemContent({ title: 'Long', slug: 'long', body: 'y'.repeat(room + 1) });
    const error = await rejection(createItem(db, site, long));
    expect(error).toBeInstanceOf(SiteFull);
    expect((error as SiteFull).bound).toBe('text');
    expect(await db.get(slugKey(site, 'long'))).toBeUndefined();

    const fits = await createItem(db, site, { ...long, body: 'y'.repeat(room - 100) });
    expect((await siteUsage(db, site)).textBytes).toBeLessThanOrEqual(siteLimits.textBytes);
    const grown = await rejection(saveItem(db, fits, { ...long, body: 'y'.repeat(room + 1) }, 1));
    expect((grown as SiteFull).bound).toBe('text');
    const shorter = await saveItem(db, fits, { ...long, body: 'Only this.' }, 1);
    expect(shorter.version).toBe(2);
  }, 120_000);

  it('keeps counting a trashed item, so restoring it never needs room', async () => {
    const site = newSite();
    const item = await createItem(db, site, itemContent({ body: 'Twelve bytes' }));
    const held = await siteUsage(db, site);
    await trashItem(db, site, item.id);
    expect(await siteUsage(db, site)).toEqual(held);
  });
});
