/**
 * Publishes that happen at the same moment: two sites going live at once
 * each end on their own build (their pointer writes share the store's one
 * ETag, so one of them retries), and the same build's event delivered twice
 * at once (Lambda's asynchronous queue delivers at least once) goes live
 * once, with the other copy stepping aside.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem } from '../../../edge/db/items';
import { createSite } from '../../../edge/db/sites';
import { itemContent } from '../../support/item-content';
import { blogSettings, ownerDid } from '../builder-support';
import {
  deployOf,
  pointerOf,
  publish,
  queue,
  siteState,
  startPublishFixture,
  visit,
  type PublishFixture,
} from './support';

let f: PublishFixture;

beforeAll(async () => {
  f = await startPublishFixture();
  await createSite(f.db, { name: 'wasps', ownerDid, template: 'blog', settings: blogSettings }, 3);
  await createItem(
    f.db,
    'bees',
    itemContent({ title: 'Honey', slug: 'honey', body: 'Bees make honey.' }),
  );
  await createItem(
    f.db,
    'wasps',
    itemContent({ title: 'Nests', slug: 'nests', body: 'Wasps chew paper.' }),
  );
}, 120_000);
afterAll(() => f?.close());

describe('publishing at the same moment', () => {
  it('puts two sites live at once, each on its own build', async () => {
    const [bees, wasps] = await Promise.all([publish(f, 'bees'), publish(f, 'wasps')]);
    expect(bees.deploy.state).toBe('live');
    expect(wasps.deploy.state).toBe('live');
    expect(await pointerOf(f, 'bees')).toBe(bees.id);
    expect(await pointerOf(f, 'wasps')).toBe(wasps.id);
    expect((await visit(f, 'bees', '/posts/honey/')).body).toContain('Bees make honey.');
    expect((await visit(f, 'wasps', '/posts/nests/')).body).toContain('Wasps chew paper.');
  });

  it('runs a build whose event arrives twice at once only once', async () => {
    const id = await queue(f.db, 'bees');
    const request = { kind: 'publish', site: 'bees', deploy: id } as const;
    const answers = await Promise.all([f.handler(request), f.handler(request)]);
    const states = answers.map((a) => (a as { state: string }).state).sort();
    expect(states).toEqual(['live', 'skipped']);
    expect((await deployOf(f.db, 'bees', id))?.state).toBe('live');
    expect((await siteState(f.db, 'bees'))?.liveDeploy).toBe(id);
    expect(await pointerOf(f, 'bees')).toBe(id);
  });
});
