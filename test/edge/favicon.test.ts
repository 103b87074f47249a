/**
 * The app's icon: every page links the content-hashed SVG among the static
 * assets, kept for good, and `/favicon.ico`, which browsers and crawlers ask
 * for anyway, leads there, cached, without a cookie or a 404 page.
 */
import { describe, expect, it } from 'vitest';
import { bindings, get, ORIGIN } from './support';

describe('the app’s icon', () => {
  it('is linked from every page and served from the static assets as an SVG, immutable', async () => {
    const html = await (await get('/')).text();
    const href = /<link rel="icon" href="(\/assets\/favicon\.[0-9a-f]{12}\.svg)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const icon = await bindings.ASSETS.fetch(`${ORIGIN}${href}`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(icon.headers.get('cache-control')).toContain('immutable');
    const svg = await icon.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.length).toBeLessThan(300);
  });

  it('GET /favicon.ico leads to that icon, cached for a week, setting no cookie', async () => {
    const html = await (await get('/')).text();
    const href = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
    const res = await get('/favicon.ico');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(href);
    expect(res.headers.get('cache-control')).toBe('public, max-age=604800');
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
