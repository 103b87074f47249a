/**
 * Removal, its lifting and account deletion reach the site host, on real
 * DynamoDB emulators: each stores its change first, then tells the host's
 * hook the member's sites (`sync` after removal and lifting, `purge` once
 * deletion closed them, again on a resumed attempt); a hook that throws is
 * logged and never undoes the change. The published list follows removal.
 */
import { beforeEach, expect, it } from 'vitest';
import { adminCountKey } from '../../core/records/neighborhood';
import { publishedIndexAttributes } from '../../core/records/published';
import { siteKey } from '../../core/records/sites';
import { createItem } from '../../edge/db/items';
import { getMember, saveProfile } from '../../edge/db/members';
import { deleteAccount, liftRemoval, remove, requestToJoin } from '../../edge/db/membership';
import { listPublished } from '../../edge/db/published';
import { createSite, getSite } from '../../edge/db/sites';
import { getRemoval } from '../../edge/db/removals';
import { onEveryBackend } from './backends';

const admin = { did: 'did:plc:host-hooks-admin', handle: 'admin.test' };
let n = 0;
const did = () => `did:plc:${String(++n).padStart(24, 'h')}`;
const unique = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

onEveryBackend('site host hooks', (db) => {
  beforeEach(async () => {
    await db().put({ ...adminCountKey, count: 5 });
  });

  const member = async () => {
    const id = did();
    await saveProfile(db(), { did: id, handle: `${id.slice(-6)}.test` });
    await requestToJoin(db(), id, 'open');
    return id;
  };
  const site = async (ownerDid: string) =>
    (await createSite(db(), { name: unique('h'), ownerDid, template: 'blog', settings: {} }, 5))
      .name;
  /** Marks `name` live as the builder does when a build goes live. */
  const publish = async (name: string) => {
    const stored = (await getSite(db(), name))!;
    const live = {
      ...stored,
      liveDeploy: '00000000000000000',
      publishedAt: new Date().toISOString(),
    };
    const listed = publishedIndexAttributes(live)!;
    await db().update(
      siteKey(name),
      'SET liveDeploy = :d, publishedAt = :at, gsi2pk = :p, gsi2sk = :s',
      {
        values: {
          ':d': live.liveDeploy,
          ':at': live.publishedAt,
          ':p': listed.gsi2pk,
          ':s': listed.gsi2sk,
        },
      },
    );
  };
  const recorder = () => {
    const told: string[][] = [];
    return { told, hook: (sites: readonly string[]) => void told.push([...sites].sort()) };
  };
  const published = async () => (await listPublished(db(), 100)).map((s) => s.name);

  it('tells the host every site of a removed member, and again when the removal is lifted', async () => {
    const id = await member();
    const names = [await site(id), await site(id)].sort();
    await publish(names[0]!);
    expect(await published()).toContain(names[0]);

    const removal = recorder();
    await remove(db(), id, admin, undefined, removal.hook);
    expect(removal.told).toEqual([names]);
    for (const name of names) expect((await getSite(db(), name))?.offlineSince).toBeDefined();
    expect(await published()).not.toContain(names[0]);

    const lift = recorder();
    await liftRemoval(db(), id, admin, undefined, lift.hook);
    expect(lift.told).toEqual([names]);
    expect((await getSite(db(), names[0]!))?.offlineSince).toBeUndefined();
    expect(await published()).toContain(names[0]);
    expect(await published()).not.toContain(names[1]);
  });

  it('keeps the removal when the host could not be told', async () => {
    const id = await member();
    const name = await site(id);
    const failing = () => Promise.reject(new Error('builder unreachable'));
    await remove(db(), id, admin, undefined, failing);
    expect((await getMember(db(), id))?.status).toBe('removed');
    expect(await getRemoval(db(), id)).toBeDefined();
    expect((await getSite(db(), name))?.offlineSince).toBeDefined();
  });

  it('has every site of a deleted account purged, again on each resumed attempt', async () => {
    const id = await member();
    const big = await site(id);
    const other = await site(id);
    for (let i = 0; i < 40; i++) {
      await createItem(db(), big, {
        kind: 'entry',
        title: `Post ${i}`,
        slug: `post-${i}`,
        date: '2026-05-01',
        tags: [],
        summary: '',
        body: 'Words.',
        status: 'ready',
        link: '',
        imageUrl: '',
        imageAlt: '',
      });
    }
    await publish(big);
    const purge = recorder();
    expect(await deleteAccount(db(), { did: id }, { purgeHost: purge.hook, budget: 8 })).toBe(
      'unfinished',
    );
    expect(purge.told).toEqual([[big, other].sort()]);
    expect(await published()).not.toContain(big);
    for (let calls = 0; calls < 20; calls++) {
      if (
        (await deleteAccount(db(), { did: id }, { purgeHost: purge.hook, budget: 8 })) === 'deleted'
      )
        break;
    }
    expect(purge.told.length).toBeGreaterThan(1);
    expect(purge.told.flat()).toEqual(expect.arrayContaining([big, other]));
    expect(await getMember(db(), id)).toBeUndefined();
  });

  it('finishes deleting the account when the host could not be told', async () => {
    const id = await member();
    const name = await site(id);
    const failing = () => {
      throw new Error('builder refused');
    };
    expect(await deleteAccount(db(), { did: id }, { purgeHost: failing })).toBe('deleted');
    expect(await getSite(db(), name)).toBeUndefined();
  });
});
