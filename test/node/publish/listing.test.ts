/**
 * The neighborhood's list of published sites (the front page's "Lately
 * published", the directory's links) follows every move of a site's live
 * build: the builder keeps the `byName` index entry in step whenever it
 * writes `liveDeploy`, so a site appears when it goes live, stays through a
 * restore, and leaves when it is unpublished or its pointer write is undone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem } from '../../../edge/db/items';
import { listPublished } from '../../../edge/db/published';
import { itemContent } from '../../support/item-content';
import { alice, publish, startPublishFixture, type PublishFixture } from './support';

let f: PublishFixture;
const listed = async () => (await listPublished(f.db, 50)).map((s) => s.name);

beforeAll(async () => {
  f = await startPublishFixture();
  await createItem(f.db, 'bees', itemContent({ title: 'Honey', slug: 'honey' }));
}, 120_000);
afterAll(() => f?.close());

describe('the list of published sites', () => {
  it('gains a site when its build goes live, keeps it through a restore, and loses it when unpublished', async () => {
    expect(await listed()).not.toContain('bees');
    const first = await publish(f);
    expect(first.deploy.state).toBe('live');
    expect(await listed()).toContain('bees');
    await publish(f);
    const restored = await f.handler({
      kind: 'restore',
      site: 'bees',
      deploy: first.id,
      by: alice,
    });
    expect(restored).toMatchObject({ kind: 'restored' });
    expect(await listed()).toContain('bees');
    expect(await f.handler({ kind: 'unpublish', site: 'bees', by: alice })).toMatchObject({
      kind: 'unpublished',
    });
    expect(await listed()).not.toContain('bees');
  });

  it('does not list a site whose going live was undone because the store refused it', async () => {
    f.kvs.refuseWrites(true);
    try {
      const refused = await publish(f);
      expect(refused.deploy).toMatchObject({ state: 'failed', failedStage: 'going-live' });
    } finally {
      f.kvs.refuseWrites(false);
    }
    expect(await listed()).not.toContain('bees');
  });
});
