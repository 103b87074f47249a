/**
 * Moving the live pointer without a build, through the real handler, the
 * local KeyValueStore and the site host: a restore puts an earlier
 * version back (and a visitor reads its text again), a pruned build is
 * refused, unpublishing gives visitors the "not published" page, `sync`
 * follows a removal and its lifting, and purge empties a closed site's
 * files but never a live one's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { originalPictureKey, originalsPrefix, processedPictureKey } from '../../../core/pictures';
import { KEEP_BUILDS } from '../../../core/records/deploys';
import { siteKey, type SiteItem } from '../../../core/records/sites';
import { createItem, saveItem } from '../../../edge/db/items';
import { itemContent } from '../../support/item-content';
import {
  alice,
  deployOf,
  keysUnder,
  pointerOf,
  publish,
  siteState,
  startPublishFixture,
  visit,
  type PublishFixture,
} from './support';

let f: PublishFixture;
let first: string;
let second: string;

const honey = async () => (await visit(f, 'bees', '/posts/honey/')).body;

beforeAll(async () => {
  f = await startPublishFixture();
  const item: SiteItem = await createItem(
    f.db,
    'bees',
    itemContent({ title: 'Honey', slug: 'honey', body: 'The first version of the honey.' }),
  );
  first = (await publish(f)).id;
  await saveItem(f.db, item, { ...item, body: 'The second version of the honey.' }, item.version);
  second = (await publish(f)).id;
}, 120_000);
afterAll(() => f?.close());

describe('restoring an earlier build', () => {
  it('moves the pointer back, records it, and a visitor reads the old text', async () => {
    expect(await honey()).toContain('The second version');
    const files = await keysUnder(f, 'sites/bees/');
    const answer = await f.handler({ kind: 'restore', site: 'bees', deploy: first, by: alice });
    expect(answer).toMatchObject({ kind: 'restored' });
    const record = await deployOf(f.db, 'bees', (answer as { deploy: string }).deploy);
    expect(record).toMatchObject({ kind: 'restore', state: 'live', restoreOf: first });
    expect(record?.byHandle).toBe('alice.test');
    expect(record?.log[0]).toMatch(/^Restored the version of .+\.$/);
    expect((await siteState(f.db))?.liveDeploy).toBe(first);
    expect(await pointerOf(f)).toBe(first);
    expect(await honey()).toContain('The first version');
    // No rebuild, no copy: the bucket holds exactly what it held.
    expect(await keysUnder(f, 'sites/bees/')).toEqual(files);
  });

  it('converges on DynamoDB’s answer when a restore lands while a build goes live', async () => {
    const client = f.services.publishing.pointers.client;
    let raced = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutKeyCommand' && !raced) {
          raced = true;
          // A restore's first write, made between the build's record write and its pointer write.
          await f.db.update(siteKey('bees'), 'SET liveDeploy = :first', {
            values: { ':first': first },
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'race' },
    );
    try {
      const build = await publish(f);
      expect(build.deploy.state).toBe('live');
    } finally {
      client.middlewareStack.remove('race');
    }
    expect(raced).toBe(true);
    expect((await siteState(f.db))?.liveDeploy).toBe(first);
    expect(await pointerOf(f)).toBe(first);
    expect(await honey()).toContain('The first version');
  });

  it('refuses the build that is live now, an unknown one, and one that never went live', async () => {
    const ask = (deploy: string) => f.handler({ kind: 'restore', site: 'bees', deploy, by: alice });
    expect(await ask(first)).toEqual({ kind: 'not-restorable', reason: 'live' });
    expect(await ask('nosuchdeploy')).toEqual({ kind: 'not-restorable', reason: 'unknown' });
    f.kvs.refuseWrites(true);
    const failed = await publish(f).finally(() => f.kvs.refuseWrites(false));
    expect(failed.deploy.state).toBe('failed');
    expect(await ask(failed.id)).toEqual({ kind: 'not-restorable', reason: 'unfinished' });
  });

  it('changes nothing when the store refuses the write, and says it could not', async () => {
    f.kvs.refuseWrites(true);
    try {
      await expect(
        f.handler({ kind: 'restore', site: 'bees', deploy: second, by: alice }),
      ).rejects.toThrow();
    } finally {
      f.kvs.refuseWrites(false);
    }
    expect((await siteState(f.db))?.liveDeploy).toBe(first);
    expect(await pointerOf(f)).toBe(first);
    const restores = (
      await f.db.query<{ kind: string; state: string }>('SITE#bees', {
        prefix: 'DEPLOY#',
      })
    ).filter((d) => d.kind === 'restore');
    expect(restores.at(-1)?.state).toBe('failed');
  });

  it(`refuses a build pruned after ${KEEP_BUILDS} newer ones`, async () => {
    for (let i = 0; i < KEEP_BUILDS; i++) await publish(f);
    expect((await deployOf(f.db, 'bees', first))?.prunedAt).toBeDefined();
    const live = await pointerOf(f);
    const answer = await f.handler({ kind: 'restore', site: 'bees', deploy: first, by: alice });
    expect(answer).toEqual({ kind: 'not-restorable', reason: 'pruned' });
    expect(await pointerOf(f)).toBe(live);
    expect(await honey()).toContain('The second version');
  });
});

describe('unpublishing', () => {
  it('takes the site off the host; visitors get the "not published" page', async () => {
    const answer = await f.handler({ kind: 'unpublish', site: 'bees', by: alice });
    expect(answer).toMatchObject({ kind: 'unpublished', deploy: expect.any(String) });
    expect((await siteState(f.db))?.liveDeploy).toBeUndefined();
    expect(await pointerOf(f)).toBeUndefined();
    const home = await visit(f);
    expect(home.status).toBe(404);
    expect(home.body).toMatch(/not published/);
    // Again: nothing to take down, nothing recorded.
    expect(await f.handler({ kind: 'unpublish', site: 'bees', by: alice })).toEqual({
      kind: 'unpublished',
    });
  });
});

describe('syncing the pointer', () => {
  it('takes a removed owner’s site off the host, and puts it back once the removal is lifted', async () => {
    const { id } = await publish(f);
    await f.db.update(siteKey('bees'), 'SET offlineSince = :now', {
      values: { ':now': new Date().toISOString() },
    });
    expect(await f.handler({ kind: 'sync', site: 'bees' })).toEqual({ kind: 'synced', live: null });
    expect((await visit(f)).status).toBe(404);
    await f.db.update(siteKey('bees'), 'REMOVE offlineSince');
    expect(await f.handler({ kind: 'sync', site: 'bees' })).toEqual({ kind: 'synced', live: id });
    expect(await honey()).toContain('The second version');
  });
});

describe('purging a deleted site', () => {
  it('refuses a live site, and removes every file of a closed one, its pictures too', async () => {
    const { client, bucket } = f.services.publishing.bucket;
    const put = (key: string) =>
      client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'bytes' }));
    await put(originalPictureKey('bees', 'u1'));
    await put(processedPictureKey('bees', 'a1b2c3d4e5f6-480.webp'));
    // Another site's original, under a name that begins like this one's.
    await put(originalPictureKey('beesknees', 'u2'));
    const before = await keysUnder(f, 'sites/bees/');
    const originals = await keysUnder(f, originalsPrefix('bees'));
    expect(before).toContain(processedPictureKey('bees', 'a1b2c3d4e5f6-480.webp'));
    expect(originals).toEqual([originalPictureKey('bees', 'u1')]);
    expect(await f.handler({ kind: 'purge', site: 'bees' })).toEqual({ kind: 'purged', files: 0 });
    expect(await keysUnder(f, 'sites/bees/')).toEqual(before);
    expect(await keysUnder(f, originalsPrefix('bees'))).toEqual(originals);
    expect((await visit(f)).status).toBe(200);

    await f.db.update(siteKey('bees'), 'SET closedAt = :now', {
      values: { ':now': new Date().toISOString() },
    });
    expect(await f.handler({ kind: 'purge', site: 'bees' })).toEqual({
      kind: 'purged',
      files: before.length + originals.length,
    });
    expect(await keysUnder(f, 'sites/bees/')).toEqual([]);
    expect(await keysUnder(f, originalsPrefix('bees'))).toEqual([]);
    expect(await keysUnder(f, originalsPrefix('beesknees'))).toHaveLength(1);
    expect(await pointerOf(f)).toBeUndefined();
    expect((await visit(f)).status).toBe(404);
    expect(await f.handler({ kind: 'restore', site: 'bees', deploy: first, by: alice })).toEqual({
      kind: 'no-site',
    });
  });
});
