/**
 * A publish from end to end, through the real builder handler against
 * dynalite, the local S3, the local KeyValueStore and the site host: the
 * record goes live, the store points at it, the files are in the bucket
 * with their types and cache policies, and a visitor of bees.localhost
 * reads the new text. Then: what a second publish says changed, a retried
 * event, and pruning beyond the kept builds.
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildsToPrune } from '../../../builder/publish/prune';
import { listDeploys } from '../../../builder/publish/deploy-records';
import { KEEP_BUILDS } from '../../../core/records/deploys';
import type { SiteItem } from '../../../core/records/sites';
import { sizeText } from '../../../core/site-limits';
import { createItem, saveItem } from '../../../edge/db/items';
import { itemContent } from '../../support/item-content';
import {
  BUCKET,
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
let hello: SiteItem;

beforeAll(async () => {
  f = await startPublishFixture();
}, 120_000);
afterAll(() => f?.close());

describe('publishing a site', () => {
  it('publishes a site with no entries at all', async () => {
    const { id, answer, deploy } = await publish(f);
    expect(answer).toEqual({ kind: 'deploy', state: 'live' });
    expect(deploy.state).toBe('live');
    expect(await pointerOf(f)).toBe(id);
    const home = await visit(f);
    expect(home.status).toBe(200);
    expect(home.body).toContain('Bees at number 12');
  });

  it('puts the site live: record, pointer, files and what a visitor reads', async () => {
    hello = await createItem(
      f.db,
      'bees',
      itemContent({ title: 'The first honey of May', slug: 'first-honey' }),
    );
    const { id, answer, deploy } = await publish(f);
    expect(answer).toEqual({ kind: 'deploy', state: 'live' });

    // The history: every stage timed, counts, the log in words, the lock let go.
    expect(deploy).toMatchObject({ state: 'live', kind: 'build' });
    for (const stage of ['queued', 'rendering', 'uploading', 'going-live'] as const) {
      expect(deploy.stages[stage]?.ms, stage).toBeGreaterThanOrEqual(0);
    }
    const keys = await keysUnder(f, `sites/bees/${id}/`);
    expect(deploy.files).toBe(keys.length);
    expect(deploy.bytes).toBeGreaterThan(0);
    expect(deploy.log.join('\n')).toMatch(/^Rendered \d+ pages in \d+\.\d s\.$/m);
    // The size in the log is the one the deploy page and the history print beside it.
    const uploaded = `Uploaded ${deploy.files} files (${sizeText(deploy.bytes!)}) in`;
    expect(deploy.log.find((line) => line.startsWith('Uploaded'))).toMatch(
      new RegExp(`^${uploaded.replace(/[()]/g, '\\$&')} \\d+\\.\\d s\\.$`),
    );
    expect(deploy.log.at(-1)).toBe('Your site is live.');
    expect(deploy.manifest?.split('\n')).toHaveLength(keys.length);
    const site = await siteState(f.db);
    expect(site).toMatchObject({ liveDeploy: id });
    expect(site?.building).toBeUndefined();
    expect(site?.buildDeadline).toBeUndefined();

    // The bucket: types and cache policies.
    const head = (path: string) =>
      f.services.publishing.bucket.client.send(
        new HeadObjectCommand({ Bucket: BUCKET, Key: `sites/bees/${id}/${path}` }),
      );
    const page = await head('posts/first-honey/index.html');
    expect(page.ContentType).toBe('text/html; charset=utf-8');
    expect(page.CacheControl).toMatch(/max-age=60/);
    expect((await head('feed.xml')).ContentType).toBe('application/rss+xml');

    // The visitor.
    expect(await pointerOf(f)).toBe(id);
    const post = await visit(f, 'bees', '/posts/first-honey/');
    expect(post.status).toBe(200);
    expect(post.body).toContain('The first honey of May');
    expect(post.body).toContain(hello.body);
  });

  it('says which pages a second publish added, changed and removed', async () => {
    const first = await publish(f);
    await saveItem(
      f.db,
      hello,
      { ...hello, body: 'A changed text about the honey.' },
      hello.version,
    );
    await createItem(f.db, 'bees', itemContent({ title: 'Swarm season', slug: 'swarm-season' }));
    const second = await publish(f);
    expect(second.answer.kind === 'deploy' && second.answer.state).toBe('live');
    // Nothing changed between the first two publishes of this test, everything here did.
    expect(first.deploy.changes).toEqual({ added: [], changed: [], removed: [] });
    const changes = second.deploy.changes!;
    expect(changes.added).toContain('posts/swarm-season/index.html');
    expect(changes.changed).toContain('posts/first-honey/index.html');
    expect(changes.changed).toContain('index.html');
    expect(changes.removed).toEqual([]);
    expect((await visit(f, 'bees', '/posts/first-honey/')).body).toContain('A changed text');
  });

  it('skips a retried event for a build that already finished, touching nothing', async () => {
    const { id, deploy } = await publish(f);
    const again = await f.handler({ kind: 'publish', site: 'bees', deploy: id });
    expect(again).toEqual({ kind: 'deploy', state: 'skipped' });
    expect(await deployOf(f.db, 'bees', id)).toEqual(deploy);
    expect(await pointerOf(f)).toBe(id);
  });

  it(`keeps the files of the newest ${KEEP_BUILDS} builds and the live one, pruning the rest`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < KEEP_BUILDS + 2; i++) ids.push((await publish(f)).id);
    const live = ids.at(-1)!;
    const kept = ids.slice(-KEEP_BUILDS);
    for (const id of ids.slice(0, 2)) {
      expect((await deployOf(f.db, 'bees', id))?.prunedAt, id).toBeDefined();
      expect(await keysUnder(f, `sites/bees/${id}/`), id).toEqual([]);
    }
    for (const id of kept) {
      expect((await deployOf(f.db, 'bees', id))?.prunedAt, id).toBeUndefined();
      expect((await keysUnder(f, `sites/bees/${id}/`)).length, id).toBeGreaterThan(0);
    }
    expect(await pointerOf(f)).toBe(live);
  });

  it('never prunes the live build, however old', async () => {
    const deploys = await listDeploys(f.services, 'bees');
    const builds = deploys.filter((d) => d.kind === 'build' && d.state === 'live' && !d.prunedAt);
    const oldest = builds[0]!.id;
    // With the oldest kept build live (a restore), one more build would push it out.
    const next = { ...builds.at(-1)!, id: `${builds.at(-1)!.id}z` };
    expect(buildsToPrune([...deploys, next], undefined).map((d) => d.id)).toContain(oldest);
    expect(buildsToPrune([...deploys, next], oldest).map((d) => d.id)).not.toContain(oldest);
  });
});

describe('what a publish costs the KeyValueStore (billed per call)', () => {
  it('takes two calls to go live, and a sync that finds the store agreeing only one read', async () => {
    const before = f.kvs.calls();
    const { id } = await publish(f);
    expect(await pointerOf(f)).toBe(id);
    const publishing = f.kvs.calls() - before - 1; // pointerOf's own read
    // The store's ETag, then the write; no read to learn the new build is not there yet.
    expect(publishing).toBe(2);

    const synced = f.kvs.calls();
    expect(await f.handler({ kind: 'sync', site: 'bees' })).toEqual({ kind: 'synced', live: id });
    expect(f.kvs.calls() - synced).toBe(1);
  });
});
