/**
 * The builder's render cache: bounded by count and by bytes, least
 * recently used first, keeping no render larger than its whole budget and
 * no failed one; and the preview's cache reporting the bytes it holds.
 */
import { describe, expect, it } from 'vitest';
import { clearRenderCache, renderCacheSize, renderSite } from '../../builder/preview';
import { render, type RenderInput } from '../../builder/render';
import { RenderCache } from '../../builder/render-cache';
import { findTemplate } from '../../templates';
import { defaultSettings } from '../../templates/settings';
import { itemContent } from '../support/item-content';

const sized = (value: string, bytes: number) => () => Promise.resolve({ value, bytes });

describe('RenderCache', () => {
  it('evicts the least recently used render once the bytes pass the budget', async () => {
    const cache = new RenderCache<string>(8, 100);
    await cache.get('a', sized('a', 40));
    await cache.get('b', sized('b', 40));
    await cache.get('a', sized('never', 1)); // a is now the most recent
    await cache.get('c', sized('c', 40));
    expect(cache.size()).toEqual({ entries: 2, bytes: 80 });
    expect(await cache.get('a', sized('again', 1))).toBe('a');
    expect(await cache.get('b', sized('b again', 40))).toBe('b again');
  });

  it('keeps at most its count, however small the renders', async () => {
    const cache = new RenderCache<string>(3, 1_000);
    for (const key of ['a', 'b', 'c', 'd']) await cache.get(key, sized(key, 1));
    expect(cache.size()).toEqual({ entries: 3, bytes: 3 });
    expect(await cache.get('a', sized('a again', 1))).toBe('a again');
  });

  it('serves a render larger than the whole budget without keeping it, and keeps the others', async () => {
    const cache = new RenderCache<string>(8, 100);
    await cache.get('a', sized('a', 60));
    expect(await cache.get('huge', sized('huge', 500))).toBe('huge');
    expect(cache.size()).toEqual({ entries: 1, bytes: 60 });
  });

  it('forgets a failed render, so the next request tries again', async () => {
    const cache = new RenderCache<string>(8, 100);
    await expect(cache.get('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(cache.size()).toEqual({ entries: 0, bytes: 0 });
    expect(await cache.get('a', sized('a', 1))).toBe('a');
  });
});

describe('renderSite', () => {
  it('reports the bytes of the renders it keeps', async () => {
    clearRenderCache();
    const blog = findTemplate('blog')!;
    const input: RenderInput = {
      template: 'blog',
      site: { name: 'bees', url: 'https://bees.oak.example', ownerDid: 'did:plc:bees' },
      neighborhood: { name: 'Oak Street', url: 'https://oak.example' },
      settings: { ...defaultSettings(blog.settings), title: 'Bees' },
      items: [
        { ...itemContent({ body: 'Hum. '.repeat(20_000) }), updatedAt: '2026-05-01T00:00:00.000Z' },
      ],
    };
    await renderSite(input);
    const files = await render(input);
    const bytes = files.reduce((sum, f) => sum + f.body.byteLength, 0);
    expect(renderCacheSize()).toEqual({ entries: 1, bytes });
  });
});
