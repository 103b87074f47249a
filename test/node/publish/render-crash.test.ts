/**
 * A render that throws for a reason that is not the site's data (an
 * Eleventy exception): the renderer is made to throw once, through the
 * module the builder takes it from, and the build fails in rendering with
 * the plain-words message while the version live before stays live.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createItem } from '../../../edge/db/items';
import { itemContent } from '../../support/item-content';
import {
  pointerOf,
  publish,
  siteState,
  startPublishFixture,
  visit,
  type PublishFixture,
} from './support';

const crash = vi.hoisted(() => ({ next: false }));

vi.mock('../../../builder/preview', async (original) => {
  const real = await original<typeof import('../../../builder/preview')>();
  return {
    ...real,
    renderSite: (...args: Parameters<typeof real.renderSite>) => {
      if (!crash.next) return real.renderSite(...args);
      crash.next = false;
      return Promise.reject(new TypeError('Cannot read properties of undefined (reading "url")'));
    },
  };
});

let f: PublishFixture;
beforeAll(async () => {
  f = await startPublishFixture();
  await createItem(
    f.db,
    'bees',
    itemContent({ title: 'Honey', slug: 'honey', body: 'The old honey.' }),
  );
}, 120_000);
afterAll(() => f?.close());

it('fails in rendering when the renderer throws, and the old version stays live', async () => {
  const first = await publish(f);
  expect(first.deploy.state).toBe('live');
  crash.next = true;
  const crashed = await publish(f);
  expect(crashed.answer).toEqual({ kind: 'deploy', state: 'failed' });
  expect(crashed.deploy).toMatchObject({ state: 'failed', failedStage: 'rendering' });
  expect(crashed.deploy.log.join(' ')).toMatch(
    /stopped it from being built; your live site is unchanged/,
  );
  expect(await pointerOf(f)).toBe(first.id);
  expect((await siteState(f.db))?.liveDeploy).toBe(first.id);
  expect((await siteState(f.db))?.building).toBeUndefined();
  expect((await visit(f, 'bees', '/posts/honey/')).body).toContain('The old honey.');
});
