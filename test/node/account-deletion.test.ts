/**
 * Account deletion on real DynamoDB emulators: a person's sites go with
 * them, every item, trashed item, slug claim and count, while their names
 * stay held from newcomers for `NAME_HOLD_DAYS`; a deletion that runs out of
 * its budget has already hidden every site and finishes on the next call;
 * the last admin is refused before anything is touched; other members'
 * sites are left alone.
 */
import { beforeEach, expect, it } from 'vitest';
import { unmarshalItem, type AttributeValue } from '../../core/records/marshal';
import { adminCountKey } from '../../core/records/neighborhood';
import { NAME_HOLD_DAYS, sitePartition } from '../../core/records/sites';
import type { Dynamo } from '../../edge/db/dynamo';
import { createItem, listItems, trashItem } from '../../edge/db/items';
import { getMember, saveProfile } from '../../edge/db/members';
import {
  deleteAccount,
  ensureAdmin,
  LastAdminError,
  requestToJoin,
} from '../../edge/db/membership';
import { createSite, firstFreeName, getSite, listOwnerSites, NameTaken } from '../../edge/db/sites';
import { blog } from '../../templates/blog/template';
import type { ItemContent } from '../../templates/content';
import { defaultSettings } from '../../templates/settings';
import { onEveryBackend } from './backends';

let n = 0;
const did = () => `did:plc:${String(++n).padStart(24, 'd')}`;
const unique = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

const entry = (i: number): ItemContent => ({
  kind: 'entry',
  title: `Post ${i}`,
  slug: `post-${i}`,
  date: '2026-05-01',
  tags: [],
  summary: '',
  body: `Words of post ${i}.`,
  status: 'draft',
  link: '',
  imageUrl: '',
  imageAlt: '',
});

/** Every record in the table, read page by page (tests only: no page ever scans). */
async function scan(db: Dynamo): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.call<{
      Items: Record<string, AttributeValue>[];
      LastEvaluatedKey?: Record<string, AttributeValue>;
    }>('Scan', { TableName: db.table, ...(start && { ExclusiveStartKey: start }) });
    all.push(...out.Items.map(unmarshalItem));
    start = out.LastEvaluatedKey;
  } while (start);
  return all;
}

/** Records that mention `did` or lie in one of `sites`' partitions. */
const traces = (records: Record<string, unknown>[], id: string, sites: string[]) =>
  records.filter(
    (r) => JSON.stringify(r).includes(id) || sites.some((s) => r.pk === sitePartition(s)),
  );

onEveryBackend('account deletion', (db) => {
  beforeEach(async () => {
    await db().put({ ...adminCountKey, count: 5 });
  });

  const member = async () => {
    const id = did();
    await saveProfile(db(), { did: id, handle: `${id.slice(-6)}.test` });
    await requestToJoin(db(), id, 'open');
    return id;
  };
  const site = (ownerDid: string) =>
    createSite(
      db(),
      {
        name: unique('del'),
        ownerDid,
        template: blog.id,
        settings: defaultSettings(blog.settings),
      },
      5,
    );
  /** A site with `count` entries (and their slug claims), the first `trashed` of them in the trash. */
  const filled = async (ownerDid: string, count: number, trashed = 0) => {
    const made = await site(ownerDid);
    for (let i = 0; i < count; i++) {
      const item = await createItem(db(), made.name, entry(i));
      if (i < trashed) await trashItem(db(), made.name, item.id);
    }
    return made.name;
  };

  it('removes both sites, every item, the trash and the slugs, and holds the names', async () => {
    const id = await member();
    // 70 items and 70 slug claims: past a 25-key batch and a 100-key page.
    const big = await filled(id, 70, 5);
    const small = await filled(id, 2);
    const neighbor = await member();
    const theirs = await filled(neighbor, 3);

    expect(await deleteAccount(db(), { did: id })).toBe('deleted');

    const left = traces(await scan(db()), id, [big, small]);
    // Only the two name holds: no owner, no content, gone by TTL after the hold.
    expect(left.map((r) => r.pk).sort()).toEqual([sitePartition(big), sitePartition(small)].sort());
    for (const hold of left) {
      expect(Object.keys(hold).sort()).toEqual(['expiresAt', 'heldSince', 'pk', 'sk']);
      const days =
        (Number(hold.expiresAt) * 1000 - Date.parse(String(hold.heldSince))) / 86_400_000;
      expect(Math.round(days)).toBe(NAME_HOLD_DAYS);
    }
    expect(await getMember(db(), id)).toBeUndefined();
    expect(await getSite(db(), big)).toBeUndefined();
    expect(await listOwnerSites(db(), id)).toEqual([]);

    expect((await listItems(db(), theirs)).entries).toHaveLength(3);
    expect((await listOwnerSites(db(), neighbor)).map((s) => s.name)).toEqual([theirs]);
  });

  it('keeps a deleted account’s names from newcomers until the hold ends', async () => {
    const id = await member();
    const name = await filled(id, 1);
    await deleteAccount(db(), { did: id });
    const newcomer = await member();
    const claim = { name, ownerDid: newcomer, template: blog.id, settings: {} };
    await expect(createSite(db(), claim, 5)).rejects.toBeInstanceOf(NameTaken);
    expect(await firstFreeName(db(), [name])).toBeUndefined();

    // The hold past its time, before TTL got round to it: the name is free.
    await db().update({ pk: sitePartition(name), sk: 'SITE' }, 'SET expiresAt = :past', {
      values: { ':past': Math.floor(Date.now() / 1000) - 1 },
    });
    expect(await firstFreeName(db(), [name])).toBe(name);
    expect((await createSite(db(), claim, 5)).ownerDid).toBe(newcomer);
    expect((await getSite(db(), name))?.ownerDid).toBe(newcomer);
  });

  it('hides every site at once when the budget runs out, and finishes on the next call', async () => {
    const id = await member();
    const big = await filled(id, 60);
    const other = await filled(id, 1);

    expect(await deleteAccount(db(), { did: id }, { budget: 8 })).toBe('unfinished');
    expect(await getMember(db(), id)).toBeDefined();
    expect(await getSite(db(), big)).toBeUndefined();
    expect(await getSite(db(), other)).toBeUndefined();
    expect(await listOwnerSites(db(), id)).toEqual([]);
    const partly = traces(await scan(db()), id, [big, other]);
    expect(partly.length).toBeGreaterThan(2);

    let calls = 1;
    while ((await deleteAccount(db(), { did: id }, { budget: 8 })) === 'unfinished') calls++;
    expect(calls).toBeGreaterThan(1);
    const left = traces(await scan(db()), id, [big, other]);
    expect(left.map((r) => r.pk).sort()).toEqual([sitePartition(big), sitePartition(other)].sort());
    expect(left.every((r) => r.ownerDid === undefined)).toBe(true);
    expect(await getMember(db(), id)).toBeUndefined();
  });

  it('refuses the last admin before touching their sites', async () => {
    const id = await member();
    await ensureAdmin(db(), id);
    const name = await filled(id, 3);
    await db().put({ ...adminCountKey, count: 1 });
    await expect(deleteAccount(db(), { did: id })).rejects.toBeInstanceOf(LastAdminError);
    expect((await getSite(db(), name))?.ownerDid).toBe(id);
    expect((await listItems(db(), name)).entries).toHaveLength(3);
  });
});
