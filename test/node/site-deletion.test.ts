/**
 * Deleting one site on real DynamoDB emulators: its whole partition goes,
 * its name is free for anyone at once and its owner's slot comes back; a
 * deletion out of budget has already hidden the site and carries on when
 * called again, giving the slot back once; nobody but the owner can delete
 * it; the host is told to purge it.
 */
import { beforeEach, expect, it } from 'vitest';
import { unmarshalItem, type AttributeValue } from '../../core/records/marshal';
import { adminCountKey } from '../../core/records/neighborhood';
import { pictureRecord } from '../../core/records/pictures';
import { sitePartition, siteCountKey } from '../../core/records/sites';
import { createItem } from '../../edge/db/items';
import { saveProfile } from '../../edge/db/members';
import { requestToJoin } from '../../edge/db/membership';
import { deleteSite, ownsSiteOrDeletion } from '../../edge/db/site-deletion';
import {
  createSite,
  firstFreeName,
  getSite,
  listOwnerSites,
  SiteLimitReached,
} from '../../edge/db/sites';
import type { ItemContent } from '../../templates/content';
import { onEveryBackend } from './backends';

let n = 0;
const did = () => `did:plc:${String(++n).padStart(24, 'x')}`;
const unique = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

const entry = (i: number): ItemContent => ({
  kind: 'entry',
  title: `Post ${i}`,
  slug: `post-${i}`,
  date: '2026-05-01',
  tags: [],
  summary: '',
  body: `Words of post ${i}.`,
  status: 'ready',
  link: '',
  imageUrl: '',
  imageAlt: '',
});

onEveryBackend('deleting a site', (db) => {
  beforeEach(async () => {
    await db().put({ ...adminCountKey, count: 5 });
  });

  const member = async () => {
    const id = did();
    await saveProfile(db(), { did: id, handle: `${id.slice(-6)}.test` });
    await requestToJoin(db(), id, 'open');
    return id;
  };
  const site = async (ownerDid: string, items = 0, limit = 1) => {
    const { name } = await createSite(
      db(),
      { name: unique('d'), ownerDid, template: 'blog', settings: {} },
      limit,
    );
    for (let i = 0; i < items; i++) await createItem(db(), name, entry(i));
    return name;
  };
  /** Every record of the site's partition (a query: the test's own look, no page does this). */
  const partition = async (name: string) => {
    const out = await db().call<{ Items: Record<string, AttributeValue>[] }>('Query', {
      TableName: db().table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: sitePartition(name) } },
    });
    return out.Items.map(unmarshalItem);
  };
  const count = async (id: string) =>
    Number((await db().get<{ count?: number }>(siteCountKey(id)))?.count ?? 0);

  it('deletes the whole partition, frees the name and gives the slot back', async () => {
    const id = await member();
    const name = await site(id, 3);
    // A picture's record lives in the partition, and goes with it.
    const now = new Date().toISOString();
    await db().put(
      pictureRecord({
        id: 'sungold',
        site: name,
        description: 'A ripe Sungold',
        fileName: 'IMG_2041.HEIC',
        type: 'heic',
        upload: 'u1',
        bytes: 3_000_000,
        key: 'a1b2c3d4e5f6',
        width: 4032,
        height: 3024,
        widths: [480, 960, 1600],
        fallback: 'jpeg',
        processedBytes: 400_000,
        createdAt: now,
        updatedAt: now,
        version: 1,
      }),
    );
    expect((await partition(name)).map((r) => r.sk)).toContain('PICTURE#sungold');
    const told: string[] = [];
    expect(await deleteSite(db(), name, id, { purgeHost: (s) => void told.push(...s) })).toBe(
      'deleted',
    );
    expect(told).toEqual([name]);
    expect(await partition(name)).toEqual([]);
    expect(await firstFreeName(db(), [name])).toBe(name);
    expect(await count(id)).toBe(0);
    expect(await listOwnerSites(db(), id)).toEqual([]);
    // The slot is back: a one-site limit lets them make another, and anyone may take the name.
    const newcomer = await member();
    expect(
      (await createSite(db(), { name, ownerDid: newcomer, template: 'blog', settings: {} }, 1))
        .ownerDid,
    ).toBe(newcomer);
    await expect(site(id)).resolves.toBeTruthy();
  });

  it('hides the site at once when the budget runs out and carries on, giving one slot back', async () => {
    const id = await member();
    const name = await site(id, 60, 2);
    await site(id, 0, 2);
    expect(await count(id)).toBe(2);
    expect(await deleteSite(db(), name, id, { budget: { left: 6 } })).toBe('unfinished');
    expect(await getSite(db(), name)).toBeUndefined();
    expect(await ownsSiteOrDeletion(db(), name, id)).toBe(true);
    expect((await partition(name)).length).toBeGreaterThan(1);
    let calls = 1;
    let result = 'unfinished';
    while (result === 'unfinished' && calls < 30) {
      result = await deleteSite(db(), name, id, { budget: { left: 6 } });
      calls++;
    }
    expect(result).toBe('deleted');
    expect(calls).toBeGreaterThan(1);
    expect(await partition(name)).toEqual([]);
    expect(await count(id)).toBe(1);
    // Asked again after it is gone: nothing to delete, and no second slot given back.
    expect(await deleteSite(db(), name, id)).toBe('missing');
    expect(await count(id)).toBe(1);
    await expect(site(id, 0, 2)).resolves.toBeTruthy();
    await expect(site(id, 0, 2)).rejects.toBeInstanceOf(SiteLimitReached);
  });

  it('refuses anyone but the owner, touching nothing', async () => {
    const id = await member();
    const name = await site(id, 2);
    const other = await member();
    const told: string[] = [];
    expect(await ownsSiteOrDeletion(db(), name, other)).toBe(false);
    expect(await deleteSite(db(), name, other, { purgeHost: (s) => void told.push(...s) })).toBe(
      'missing',
    );
    expect(told).toEqual([]);
    expect((await getSite(db(), name))?.closedAt).toBeUndefined();
    expect((await partition(name)).length).toBeGreaterThan(2);
  });
});
