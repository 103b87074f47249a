/**
 * A site's entries and pages on both local DynamoDBs: slugs unique within a
 * site under races, saves that check their version (two saves of one
 * version: exactly one wins), slug changes, and the trash (kept slug,
 * restore, purge by TTL), all without transactions. Also: the editor's
 * small picture check agrees with the renderer's Markdown parser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { imagesWithoutAlt as rendererSays } from '../../builder/markdown';
import { imagesWithoutAlt } from '../../core/forms/markdown-lint';
import type { Dynamo } from '../../edge/db/dynamo';
import {
  createItem,
  getItem,
  listItems,
  restoreItem,
  saveItem,
  slugHolder,
  SlugTaken,
  trashItem,
  VersionConflict,
} from '../../edge/db/items';
import { itemPurgeDate, slugKey, TRASH_DAYS, type SiteItem } from '../../core/records/sites';
import type { ItemContent } from '../../templates/content';
import { onEveryBackend } from './backends';

let sites = 0;
const newSite = () => `site-${++sites}-${Math.random().toString(36).slice(2, 8)}`;

function content(changes: Partial<ItemContent> = {}): ItemContent {
  return {
    kind: 'entry',
    title: 'First post',
    slug: 'first-post',
    date: '2026-05-01',
    tags: ['garden'],
    summary: '',
    body: 'Hello, street.',
    status: 'draft',
    link: '',
    imageUrl: '',
    imageAlt: '',
    ...changes,
  };
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

onEveryBackend('site items', (client) => {
  let db: Dynamo;
  beforeAll(() => {
    db = client();
  });

  describe('listing', () => {
    it('sorts one site’s items into entries (newest first), pages (by title) and trash', async () => {
      const site = newSite();
      const older = await createItem(db, site, content({ slug: 'older', date: '2026-01-02' }));
      const newer = await createItem(db, site, content({ slug: 'newer', date: '2026-03-04' }));
      const contact = await createItem(
        db,
        site,
        content({ kind: 'page', title: 'Contact', slug: 'contact' }),
      );
      const about = await createItem(
        db,
        site,
        content({ kind: 'page', title: 'About', slug: 'about' }),
      );
      const gone = await createItem(db, site, content({ slug: 'gone' }));
      await trashItem(db, site, gone.id);
      await createItem(db, newSite(), content({ slug: 'elsewhere' }));

      const list = await listItems(db, site);
      expect(list.entries.map((i) => i.id)).toEqual([newer.id, older.id]);
      expect(list.pages.map((i) => i.id)).toEqual([about.id, contact.id]);
      expect(list.trash.map((i) => i.id)).toEqual([gone.id]);
      expect(list.entries[0]).toMatchObject({ title: 'First post', tags: ['garden'], version: 1 });
      expect(list.entries[0]).not.toHaveProperty('pk');
      // Lists leave the texts out: the dashboard never shows them.
      expect(list.entries[0]).not.toHaveProperty('body');
      expect(list.entries[0]).not.toHaveProperty('summary');
    });

    it('finds an item only in its own site', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      expect(await getItem(db, site, item.id)).toEqual(item);
      expect(await getItem(db, newSite(), item.id)).toBeUndefined();
    });
  });

  describe('slugs', () => {
    it('refuses a slug another item of the site has, and allows it in another site', async () => {
      const site = newSite();
      await createItem(db, site, content());
      const error = await rejection(createItem(db, site, content({ kind: 'page' })));
      expect(error).toBeInstanceOf(SlugTaken);
      expect((error as SlugTaken).problem).toBe('taken');
      await expect(createItem(db, newSite(), content())).resolves.toBeDefined();
      expect((await listItems(db, site)).pages).toEqual([]);
    });

    it('refuses reserved slugs for pages, but not for entries', async () => {
      const site = newSite();
      const error = await rejection(createItem(db, site, content({ kind: 'page', slug: 'feed' })));
      expect((error as SlugTaken).problem).toBe('reserved');
      await expect(createItem(db, site, content({ slug: 'feed' }))).resolves.toBeDefined();
    });

    it('gives a contested slug to exactly one of two items created at once', async () => {
      const site = newSite();
      const results = await Promise.allSettled([
        createItem(db, site, content({ title: 'One' })),
        createItem(db, site, content({ title: 'Two' })),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(SlugTaken);
      const { entries } = await listItems(db, site);
      expect(entries).toHaveLength(1);
      const claim = await db.get<{ itemId: string }>(slugKey(site, 'first-post'));
      expect(claim?.itemId).toBe(entries[0]!.id);
    });

    it('takes over a claim left by an interrupted save once it is stale, not before', async () => {
      const site = newSite();
      await db.put({
        ...slugKey(site, 'orphan'),
        itemId: 'crashed',
        claimedAt: new Date().toISOString(),
      });
      expect(await slugHolder(db, site, 'orphan')).toEqual({ itemId: 'crashed', inTrash: false });
      await expect(createItem(db, site, content({ slug: 'orphan' }))).rejects.toBeInstanceOf(
        SlugTaken,
      );
      const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
      await db.put({ ...slugKey(site, 'orphan'), itemId: 'crashed', claimedAt: twoMinutesAgo });
      expect(await slugHolder(db, site, 'orphan')).toBeUndefined();
      const item = await createItem(db, site, content({ slug: 'orphan' }));
      expect((await db.get<{ itemId: string }>(slugKey(site, 'orphan')))?.itemId).toBe(item.id);
    });

    it('gives the slug back when the item cannot be written', async () => {
      const site = newSite();
      // Over DynamoDB's 400 KB item limit; the form's limits keep real items far below it.
      const huge = content({ slug: 'refused', title: 'x'.repeat(500_000) });
      await expect(createItem(db, site, huge)).rejects.toThrow();
      expect(await db.get(slugKey(site, 'refused'))).toBeUndefined();
      await expect(createItem(db, site, content({ slug: 'refused' }))).resolves.toBeDefined();
    });
  });

  describe('saving', () => {
    it('saves over the version it was opened at, and bumps the version', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      const saved = await saveItem(db, item, content({ title: 'Renamed', status: 'ready' }), 1);
      expect(saved).toMatchObject({ title: 'Renamed', status: 'ready', version: 2 });
      expect(await getItem(db, site, item.id)).toEqual(saved);
    });

    it('lets exactly one of two saves of the same version win; the other gets the winner', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      const results = await Promise.allSettled([
        saveItem(db, item, content({ body: 'Tab one' }), 1),
        saveItem(db, item, content({ body: 'Tab two' }), 1),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const conflict = (lost[0] as PromiseRejectedResult).reason as VersionConflict<SiteItem>;
      expect(conflict).toBeInstanceOf(VersionConflict);
      const winner = (won[0] as PromiseFulfilledResult<SiteItem>).value;
      expect(conflict.current).toEqual(winner);
      expect(await getItem(db, site, item.id)).toEqual(winner);
    });

    it('refuses a save from a stale version without writing anything', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      const current = await saveItem(db, item, content({ body: 'Newer' }), 1);
      const error = await rejection(saveItem(db, current, content({ body: 'Stale' }), 1));
      expect(error).toBeInstanceOf(VersionConflict);
      expect((await getItem(db, site, item.id))!.body).toBe('Newer');
    });

    it('moves an item to a new slug: the new one is claimed, the old one freed', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      const saved = await saveItem(db, item, content({ slug: 'better-name' }), 1);
      expect(saved.slug).toBe('better-name');
      expect(await slugHolder(db, site, 'better-name')).toEqual({
        itemId: item.id,
        inTrash: false,
      });
      expect(await slugHolder(db, site, 'first-post')).toBeUndefined();
      await expect(createItem(db, site, content())).resolves.toBeDefined();
      await expect(createItem(db, site, content({ slug: 'better-name' }))).rejects.toBeInstanceOf(
        SlugTaken,
      );
    });

    it('refuses a move to a slug another item has, and changes nothing', async () => {
      const site = newSite();
      await createItem(db, site, content({ slug: 'taken' }));
      const item = await createItem(db, site, content());
      await expect(saveItem(db, item, content({ slug: 'taken' }), 1)).rejects.toBeInstanceOf(
        SlugTaken,
      );
      expect(await getItem(db, site, item.id)).toEqual(item);
    });

    it('gives the new slug back when the save loses on version', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      await saveItem(db, item, content({ body: 'Other tab' }), 1);
      // `item` is this tab's stale read, from before the other save landed.
      const error = await rejection(saveItem(db, item, content({ slug: 'moved' }), 1));
      expect(error).toBeInstanceOf(VersionConflict);
      expect(await slugHolder(db, site, 'moved')).toBeUndefined();
      expect(await slugHolder(db, site, 'first-post')).toEqual({ itemId: item.id, inTrash: false });
    });

    it('keeps the slug when two tabs move an item to the same new slug at once', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      await Promise.allSettled([
        saveItem(db, item, content({ slug: 'same', body: 'one' }), 1),
        saveItem(db, item, content({ slug: 'same', body: 'two' }), 1),
      ]);
      expect((await getItem(db, site, item.id))!.slug).toBe('same');
      expect(await slugHolder(db, site, 'same')).toEqual({ itemId: item.id, inTrash: false });
      await expect(createItem(db, site, content({ slug: 'same' }))).rejects.toBeInstanceOf(
        SlugTaken,
      );
    });
  });

  describe('trash', () => {
    it('keeps a trashed item’s slug, and restores it at the same address', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      const trashed = await trashItem(db, site, item.id);
      expect(trashed).toMatchObject({ id: item.id, version: 2, deletedAt: expect.any(String) });
      const kept = itemPurgeDate(trashed!)!.getTime() - Date.parse(trashed!.deletedAt!);
      expect(Math.abs(kept - TRASH_DAYS * 86_400_000)).toBeLessThan(1000);
      const error = await rejection(createItem(db, site, content()));
      expect((error as SlugTaken).problem).toBe('trash');
      expect(await trashItem(db, site, item.id)).toBeUndefined();

      const restored = await restoreItem(db, site, item.id);
      expect(restored).toMatchObject({ slug: 'first-post', version: 3, body: 'Hello, street.' });
      expect(restored).not.toHaveProperty('deletedAt');
      expect((await listItems(db, site)).entries.map((i) => i.id)).toEqual([item.id]);
      expect(await restoreItem(db, site, item.id)).toBeUndefined();
      const claim = await db.get(slugKey(site, 'first-post'));
      expect(claim).not.toHaveProperty('expiresAt');
    });

    it('sets the same expiry on the item and its slug, so TTL purges both', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      await trashItem(db, site, item.id);
      const record = await db.get<{ expiresAt: number; deletedAt: string }>({
        pk: `SITE#${site}`,
        sk: `ITEM#${item.id}`,
      });
      const claim = await db.get<{ expiresAt: number }>(slugKey(site, 'first-post'));
      expect(record!.expiresAt).toBe(
        Math.floor(Date.parse(record!.deletedAt) / 1000) + 30 * 86_400,
      );
      expect(claim!.expiresAt).toBe(record!.expiresAt);
    });

    it('treats an item past its purge day as gone, even before DynamoDB deletes it', async () => {
      const site = newSite();
      const item = await createItem(db, site, content(), daysAgo(TRASH_DAYS + 2));
      await trashItem(db, site, item.id, daysAgo(TRASH_DAYS + 1));
      expect((await listItems(db, site)).trash).toEqual([]);
      expect(await getItem(db, site, item.id)).toBeUndefined();
      expect(await restoreItem(db, site, item.id)).toBeUndefined();
      expect(await slugHolder(db, site, 'first-post')).toBeUndefined();
      await expect(createItem(db, site, content())).resolves.toBeDefined();
    });

    it('restores under the first free variant if the slug was lost meanwhile', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      await trashItem(db, site, item.id);
      await db.delete(slugKey(site, 'first-post'));
      const other = await createItem(db, site, content({ title: 'Newcomer' }));
      const restored = await restoreItem(db, site, item.id);
      expect(restored!.slug).toBe('first-post-2');
      expect(await slugHolder(db, site, 'first-post')).toEqual({
        itemId: other.id,
        inTrash: false,
      });
      expect(await slugHolder(db, site, 'first-post-2')).toEqual({
        itemId: item.id,
        inTrash: false,
      });
    });

    it('refuses to save over a trashed item', async () => {
      const site = newSite();
      const item = await createItem(db, site, content());
      await trashItem(db, site, item.id);
      const error = await rejection(saveItem(db, item, content({ body: 'late' }), 1));
      expect(error).toBeInstanceOf(VersionConflict);
      expect((error as VersionConflict<SiteItem>).current?.deletedAt).toBeDefined();
    });

    it('keeps an issue number and empty extras as written', async () => {
      const site = newSite();
      const item = await createItem(db, site, content({ number: 7 }));
      expect(await getItem(db, site, item.id)).toMatchObject({ number: 7, link: '', imageAlt: '' });
    });
  });
});

describe('the editor’s check for pictures without a description', () => {
  const texts = [
    'Look: ![](https://img.example/cat.jpg) and ![A dog](https://img.example/dog.jpg)',
    '![ ](https://img.example/space.png "A title")',
    '![](<https://img.example/with space.png>)',
    '[![](https://badge.example/b.svg)](https://link.example)',
    '```\n![](https://code.example/fenced.png)\n```\n\n![](https://img.example/after.png)',
    'Inline `![](https://code.example/inline.png)` is text.',
    '~~~\n![](https://code.example/unclosed.png)\n',
    'No pictures at all, just [a link](https://example.com).',
  ];

  // The renderer percent-encodes addresses; the editor names them as they were typed.
  const typed = (urls: string[]) => urls.map((url) => decodeURI(url));

  it.each(texts)('finds what the renderer finds in %j', (text) => {
    expect(typed(imagesWithoutAlt(text))).toEqual(typed(rendererSays(text)));
  });
});
