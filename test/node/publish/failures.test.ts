/**
 * A publish that fails at each stage, with the fault put into the real
 * part: settings the template refuses (rendering), the local S3 process
 * killed halfway through the upload (uploading), the local KeyValueStore
 * refusing writes (going live), and builds that lose their lock or their
 * record to the deadline. After each, the history says what happened and
 * a visitor of bees.localhost still reads the version live before.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEPLOY_DEADLINE_MS, deployKey } from '../../../core/records/deploys';
import { itemRecord, siteKey } from '../../../core/records/sites';
import { createItem } from '../../../edge/db/items';
import { itemContent } from '../../support/item-content';
import {
  deployOf,
  keysUnder,
  pointerOf,
  publish,
  queue,
  siteState,
  startPublishFixture,
  visit,
  type PublishFixture,
} from './support';

let f: PublishFixture;
let live: string;

beforeAll(async () => {
  f = await startPublishFixture();
  for (let i = 0; i < 40; i++) {
    await createItem(
      f.db,
      'bees',
      itemContent({ title: `Hive note ${i}`, slug: `note-${i}`, tags: [`hive-${i % 7}`] }),
    );
  }
  await createItem(f.db, 'bees', itemContent({ title: 'The old honey', slug: 'honey' }));
  const first = await publish(f);
  expect(first.answer).toEqual({ kind: 'deploy', state: 'live' });
  live = first.id;
}, 120_000);
afterAll(() => f?.close());

/** What a visitor sees is still the build live before, and the history agrees. */
async function expectOldVersionLive() {
  expect(await pointerOf(f)).toBe(live);
  expect((await siteState(f.db))?.liveDeploy).toBe(live);
  const page = await visit(f, 'bees', '/posts/honey/');
  expect(page.status).toBe(200);
  expect(page.body).toContain('The old honey');
}

async function expectLockFree() {
  const site = await siteState(f.db);
  expect(site?.building).toBeUndefined();
  expect(site?.buildDeadline).toBeUndefined();
}

/** Runs `onUpload(n)` after the builder's nth upload finishes. */
function afterUploads(onUpload: (n: number) => Promise<void> | void) {
  let n = 0;
  f.services.publishing.bucket.client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'PutObjectCommand') await onUpload(++n);
      return result;
    },
    { step: 'initialize', name: 'afterUploads' },
  );
  return () => f.services.publishing.bucket.client.middlewareStack.remove('afterUploads');
}

beforeEach(expectOldVersionLive);

describe('a publish that fails', () => {
  it('fails in rendering when the settings do not fit the template, naming the problem', async () => {
    const { accent } = (await siteState(f.db))?.settings as { accent: string };
    await f.db.update(siteKey('bees'), 'SET settings.accent = :bad', { values: { ':bad': 'red' } });
    try {
      const { id, answer, deploy } = await publish(f);
      expect(answer).toEqual({ kind: 'deploy', state: 'failed' });
      expect(deploy).toMatchObject({ state: 'failed', failedStage: 'rendering' });
      expect(deploy.log.join('\n')).toMatch(/your live site is unchanged/);
      expect(deploy.log.join('\n')).toMatch(/colour/i);
      expect(await keysUnder(f, `sites/bees/${id}/`)).toEqual([]);
      await expectLockFree();
      await expectOldVersionLive();
    } finally {
      await f.db.update(siteKey('bees'), 'SET settings.accent = :ok', {
        values: { ':ok': accent },
      });
    }
  });

  it('fails in rendering a site holding more than a site may, saying which limit', async () => {
    // Written straight to the table, as two saves racing past the limit could leave it.
    const at = new Date().toISOString();
    const big = Array.from({ length: 53 }, (_, i) =>
      itemRecord({
        ...itemContent({ title: `Long ${i}`, slug: `long-${i}`, body: 'x'.repeat(100_000) }),
        id: `long${i}`,
        site: 'bees',
        createdAt: at,
        updatedAt: at,
        version: 1,
      }),
    );
    for (const record of big) await f.db.put(record);
    try {
      const { answer, deploy } = await publish(f);
      expect(answer).toEqual({ kind: 'deploy', state: 'failed' });
      expect(deploy).toMatchObject({ failedStage: 'rendering' });
      expect(deploy.log.join('\n')).toMatch(/MB/);
      await expectLockFree();
    } finally {
      await f.db.deleteMany(big.map(({ pk, sk }) => ({ pk, sk })));
    }
  });

  it('fails without rendering a site whose owner was removed', async () => {
    await f.db.update(siteKey('bees'), 'SET offlineSince = :now', {
      values: { ':now': new Date().toISOString() },
    });
    try {
      const { answer, deploy } = await publish(f);
      expect(answer).toEqual({ kind: 'deploy', state: 'failed' });
      expect(deploy).toMatchObject({ failedStage: 'queued' });
      expect(deploy.stages.rendering).toBeUndefined();
      expect(deploy.log.join('\n')).toMatch(/offline/);
      await expectLockFree();
    } finally {
      await f.db.update(siteKey('bees'), 'REMOVE offlineSince');
    }
  });

  it('fails in uploading when the S3 process dies halfway, and the leftovers go later', async () => {
    const done = afterUploads((n) => {
      if (n === 10) f.stopS3();
    });
    let failedId: string;
    try {
      const { id, answer, deploy } = await publish(f);
      failedId = id;
      expect(answer).toEqual({ kind: 'deploy', state: 'failed' });
      expect(deploy).toMatchObject({ state: 'failed', failedStage: 'uploading' });
      expect(deploy.log.at(-1)).toMatch(
        /^Could not upload \d+ of \d+ files; your live site is unchanged\.$/,
      );
      // The S3 was down, so its files could not be deleted yet: not marked pruned.
      expect(deploy.prunedAt).toBeUndefined();
      await expectLockFree();
    } finally {
      done();
      await f.restartS3();
    }
    await expectOldVersionLive();
    expect((await keysUnder(f, `sites/bees/${failedId}/`)).length).toBeGreaterThan(0);
    // The next publish that goes live tidies the failed build's files away.
    const next = await publish(f);
    expect(next.answer).toEqual({ kind: 'deploy', state: 'live' });
    expect(await keysUnder(f, `sites/bees/${failedId}/`)).toEqual([]);
    expect((await deployOf(f.db, 'bees', failedId))?.prunedAt).toBeDefined();
    live = next.id;
  });

  it('fails in going-live when the store refuses the write, and DynamoDB is put back', async () => {
    f.kvs.refuseWrites(true);
    try {
      const { id, answer, deploy } = await publish(f);
      expect(answer).toEqual({ kind: 'deploy', state: 'failed' });
      expect(deploy).toMatchObject({ state: 'failed', failedStage: 'going-live' });
      expect(deploy.log.at(-1)).toBe(
        'Could not switch your site to the new version; your live site is unchanged.',
      );
      expect(await keysUnder(f, `sites/bees/${id}/`)).toEqual([]);
      await expectLockFree();
      await expectOldVersionLive();
    } finally {
      f.kvs.refuseWrites(false);
    }
  });
});

describe('a build that finishes late', () => {
  it('is skipped when its deadline passed and a newer build went live', async () => {
    const past = new Date(Date.now() - DEPLOY_DEADLINE_MS - 1000);
    const late = await queue(f.db, 'bees', past);
    const newer = await publish(f);
    expect(newer.answer).toEqual({ kind: 'deploy', state: 'live' });
    live = newer.id;
    const answer = await f.handler({ kind: 'publish', site: 'bees', deploy: late });
    expect(answer).toEqual({ kind: 'deploy', state: 'skipped' });
    expect((await deployOf(f.db, 'bees', late))?.state).toBe('queued');
    expect(await keysUnder(f, `sites/bees/${late}/`)).toEqual([]);
  });

  it('fails in going-live, never live, when another build took the lock while it uploaded', async () => {
    const id = await queue(f.db, 'bees');
    const done = afterUploads(async (n) => {
      // As the edge does once the deadline has passed: the lock goes to the next publish.
      if (n === 5)
        await f.db.update(siteKey('bees'), 'SET building = :other', {
          values: { ':other': 'someone-else' },
        });
    });
    try {
      const answer = await f.handler({ kind: 'publish', site: 'bees', deploy: id });
      expect(answer).toEqual({ kind: 'deploy', state: 'failed' });
    } finally {
      done();
    }
    const deploy = await deployOf(f.db, 'bees', id);
    expect(deploy).toMatchObject({ state: 'failed', failedStage: 'going-live' });
    expect(deploy?.log.at(-1)).toMatch(/overtook this one/);
    expect(await keysUnder(f, `sites/bees/${id}/`)).toEqual([]);
    // The other build's lock is not this build's to release.
    expect((await siteState(f.db))?.building).toBe('someone-else');
    await f.db.update(siteKey('bees'), 'REMOVE building, buildDeadline');
  });

  it('steps aside when the edge marked it failed while it uploaded', async () => {
    const id = await queue(f.db, 'bees');
    const done = afterUploads(async (n) => {
      if (n === 5) {
        await f.db.update(deployKey('bees', id), 'SET #s = :failed, version = version + :one', {
          names: { '#s': 'state' },
          values: { ':failed': 'failed', ':one': 1 },
        });
        await f.db.update(siteKey('bees'), 'REMOVE building, buildDeadline');
      }
    });
    try {
      const answer = await f.handler({ kind: 'publish', site: 'bees', deploy: id });
      expect(answer).toEqual({ kind: 'deploy', state: 'skipped' });
    } finally {
      done();
    }
    expect((await deployOf(f.db, 'bees', id))?.state).toBe('failed');
    expect(await keysUnder(f, `sites/bees/${id}/`)).toEqual([]);
    await expectLockFree();
  });
});
