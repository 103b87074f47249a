/**
 * What every template must do, run once per template on its sample site:
 * links that lead to files (from a preview prefix and from the site's
 * root), identical bytes on every render, a sitemap of every page, the
 * owner's DID for handle verification, a 404 page that works at any depth,
 * and hostile Markdown shown as text. Each template's own features are in
 * `render-<id>.test.ts`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { render, type RenderInput } from '../../builder/render';
import { templates } from '../../templates';
import { sample as blog } from '../../templates/blog/sample';
import { sample as newsletter } from '../../templates/newsletter/sample';
import { sample as showcase } from '../../templates/showcase/sample';
import {
  brokenLinks,
  hostileMarkdown,
  htmlPaths,
  links,
  ownerDid,
  parseXml,
  renderSite,
  scriptInHtml,
  siteInput,
  siteUrl,
  text,
  type Site,
} from './render-support';

const samples = { blog, newsletter, showcase };

describe.each(templates.map((t) => t.id))('render: every template (%s)', (id) => {
  const input: RenderInput = siteInput(id, samples[id].settings, samples[id].items);
  let site: Site;
  beforeAll(async () => {
    site = await renderSite(input);
  });

  it('links relatively inside the site, and every link leads to a file', () => {
    expect(brokenLinks(site)).toEqual([]);
  });

  it('finds a broken link when there is one', () => {
    const broken = new Map(site);
    const target = htmlPaths(site).find((p) => p !== 'index.html' && p !== '404.html')!;
    broken.delete(target);
    expect(brokenLinks(broken).length).toBeGreaterThan(0);
  });

  it('renders the same bytes every time', async () => {
    const again = await render(input);
    expect(again.map((f) => f.path)).toEqual([...site.keys()]);
    for (const file of again) expect(file.body, file.path).toEqual(site.get(file.path)!.body);
  });

  it('lists every page but the 404 in the sitemap by its absolute address', () => {
    const sitemap = parseXml(text(site, 'sitemap.xml')) as { urlset: { url: { loc: string }[] } };
    const listed = sitemap.urlset.url.map((u) => u.loc).sort();
    const pages = htmlPaths(site)
      .filter((p) => p !== '404.html')
      .map((p) => `${siteUrl}/${p.replace(/index\.html$/, '')}`)
      .sort();
    expect(listed).toEqual(pages);
  });

  it('serves the owner’s DID at /.well-known/atproto-did and nothing more', () => {
    expect(text(site, '.well-known/atproto-did')).toBe(ownerDid);
  });

  it('has a 404 page whose links work at any depth', () => {
    const page = text(site, '404.html');
    expect(page).toContain('<h1>Page not found</h1>');
    expect(page).toContain('<meta name="robots" content="noindex">');
    // Served for any missing path, so no link may be relative: each names its scheme.
    const all = links(page).filter((l) => !l.startsWith('#'));
    for (const link of all) expect(link).toMatch(/^(https?|mailto):/);
    expect(all.filter((l) => l.startsWith(`${siteUrl}/`)).length).toBeGreaterThan(2);
  });

  it('shows hostile Markdown in an entry as text', async () => {
    const [first, ...rest] = samples[id].items;
    const files = await renderSite(
      siteInput(id, samples[id].settings, [{ ...first!, body: hostileMarkdown }, ...rest]),
    );
    for (const path of htmlPaths(files)) expect(scriptInHtml(text(files, path)), path).toEqual([]);
  });
});
