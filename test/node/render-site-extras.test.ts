/**
 * The small files every published site has beside its pages, in every
 * template: an icon of its own in the site's accent colour (linked from
 * every page, so a browser never asks for a missing `/favicon.ico`), and a
 * `robots.txt` that lets crawlers read the whole site and points them at
 * its sitemap.
 */
import { describe, expect, it } from 'vitest';
import { templates } from '../../templates';
import { sample as blog } from '../../templates/blog/sample';
import { sample as newsletter } from '../../templates/newsletter/sample';
import { sample as showcase } from '../../templates/showcase/sample';
import { htmlPaths, renderSite, siteInput, siteUrl, text } from './render-support';

const samples = { blog, newsletter, showcase };

describe.each(templates.map((t) => t.id))('the %s template', (id) => {
  const sample = samples[id];
  const settings = { ...sample.settings, accent: '#7a3b9c' };

  it('has an icon in the site’s accent colour, linked from every page', async () => {
    const site = await renderSite(siteInput(id, settings, sample.items));
    const icon = site.get('favicon.svg')!;
    expect(icon.contentType).toBe('image/svg+xml');
    expect(icon.body.byteLength).toBeLessThan(300);
    expect(text(site, 'favicon.svg')).toContain('fill="#7a3b9c"');
    for (const path of htmlPaths(site)) {
      const href = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(
        text(site, path),
      )?.[1];
      expect({ path, icon: href && new URL(href, `${siteUrl}/${path}`).href }).toEqual({
        path,
        icon: `${siteUrl}/favicon.svg`,
      });
    }
  });

  it('has a robots.txt that allows everything and names the sitemap', async () => {
    const site = await renderSite(siteInput(id, settings, sample.items));
    expect(site.get('robots.txt')!.contentType).toMatch(/^text\/plain/);
    const lines = text(site, 'robots.txt').trim().split('\n');
    expect(lines).toEqual(['User-agent: *', 'Allow: /', '', `Sitemap: ${siteUrl}/sitemap.xml`]);
    expect(site.has('sitemap.xml')).toBe(true);
  });
});
