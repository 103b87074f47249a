/**
 * The project showcase rendered by real Eleventy: a page per project with
 * its link and picture, the front page grouped by tag or newest first,
 * tag pages, feeds and sitemap, links, weight and refusals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { render, RenderInputError } from '../../builder/render';
import { sample } from '../../templates/showcase/sample';
import {
  brokenLinks,
  heaviestPage,
  hostileMarkdown,
  htmlPaths,
  item,
  links,
  ownerDid,
  paragraphs,
  parseXml,
  renderSite,
  scriptInHtml,
  siteInput,
  siteUrl,
  text,
  type Site,
} from './render-support';

const input = siteInput('showcase', sample.settings, sample.items);
const projects = sample.items.filter((i) => i.kind === 'entry');
const tagNames = [...new Set(projects.flatMap((p) => p.tags))].sort();

const pictured = item({
  title: 'Bird boxes with the kids',
  slug: 'bird-boxes',
  date: '2026-07-01',
  tags: ['woodwork'],
  summary: 'Twelve boxes, twelve children, no lost fingers.',
  link: 'https://example.org/bird-boxes',
  imageUrl: 'https://images.example.org/boxes.jpg',
  imageAlt: 'Six wooden bird boxes drying on a "workbench"',
});

describe('render: showcase', () => {
  let site: Site;
  beforeAll(async () => {
    site = await renderSite(input);
  });

  it('renders every file a showcase publishes, each with its content type', () => {
    const expected = [
      'index.html',
      '404.html',
      'about/index.html',
      'archive/index.html',
      'tags/index.html',
      'feed.xml',
      'atom.xml',
      'sitemap.xml',
      'robots.txt',
      'favicon.svg',
      '.well-known/atproto-did',
      ...projects.map((p) => `projects/${p.slug}/index.html`),
      ...tagNames.map((t) => `tags/${t}/index.html`),
    ];
    expect([...site.keys()].sort()).toEqual(expected.sort());
    expect(site.get('projects/oak-bench/index.html')!.contentType).toBe('text/html; charset=utf-8');
    expect(site.get('atom.xml')!.contentType).toBe('application/atom+xml');
    expect(text(site, '.well-known/atproto-did')).toBe(ownerDid);
  });

  it('groups projects by tag on the front page, after the introduction', () => {
    const home = text(site, 'index.html');
    expect(home).toContain('<strong>Borrowing tools?</strong>');
    const headings = [...home.matchAll(/<h2 id="tag-\d+"><a href="tags\/([^/]+)\/">/g)].map(
      (m) => m[1],
    );
    expect(headings).toEqual(tagNames);
    const street = home.split('<section').find((s) => s.includes('href="tags/street/"'))!;
    expect(links(street)).toEqual([
      'tags/street/',
      'projects/oak-bench/',
      'projects/street-library/',
    ]);
  });

  it('caps each tag’s group and links to the rest', async () => {
    const many = Array.from({ length: 15 }, (_, n) =>
      item({
        title: `Stool ${n + 1}`,
        date: `2026-01-${String(n + 1).padStart(2, '0')}`,
        tags: ['stools'],
      }),
    );
    const home = text(await renderSite(siteInput('showcase', sample.settings, many)), 'index.html');
    expect(home.match(/class="card"/g)).toHaveLength(12);
    expect(home).toContain('All 15 projects tagged “stools”');
  });

  it('lists projects newest first when grouping is off', async () => {
    const files = await renderSite(
      siteInput('showcase', { ...sample.settings, groupByTag: false }, [...sample.items, pictured]),
    );
    const home = text(files, 'index.html');
    expect(home).not.toContain('id="tag-1"');
    const order = [...home.matchAll(/<h3><a href="projects\/([^/]+)\/">/g)].map((m) => m[1]);
    expect(order).toEqual([
      'bird-boxes',
      'oak-bench',
      'street-library',
      'cargo-trailer',
      'solar-lamp',
      'okafor-radio',
    ]);
  });

  it('shows a project with its summary, picture and alt text, link, description and tags', async () => {
    const files = await renderSite(siteInput('showcase', sample.settings, [pictured]));
    const page = text(files, 'projects/bird-boxes/index.html');
    expect(page).toContain('<h1>Bird boxes with the kids</h1>');
    expect(page).toContain('<p class="lede">Twelve boxes, twelve children, no lost fingers.</p>');
    expect(page).toContain(
      '<img src="https://images.example.org/boxes.jpg" alt="Six wooden bird boxes drying on a &quot;workbench&quot;">',
    );
    expect(page).toContain(
      '<a class="button" href="https://example.org/bird-boxes">Visit the project</a>',
    );
    expect(page).toContain(
      '<meta property="og:image" content="https://images.example.org/boxes.jpg">',
    );
    expect(page).toContain('href="../../tags/woodwork/"');
    expect(text(files, 'index.html')).toContain(
      '<img src="https://images.example.org/boxes.jpg" alt="Six wooden bird boxes drying on a &quot;workbench&quot;" loading="lazy">',
    );
  });

  it('gives each tag a page with its projects', () => {
    const page = text(site, 'tags/electronics/index.html');
    expect(page).toContain('<h1>Projects tagged “electronics”</h1>');
    expect(links(page)).toEqual(
      expect.arrayContaining(['../../projects/solar-lamp/', '../../projects/okafor-radio/']),
    );
    expect(page).not.toContain('oak-bench');
  });

  it('publishes feeds of new projects and a sitemap that parse, with absolute links', () => {
    const atom = parseXml(text(site, 'atom.xml')) as { feed: { entry: { id: string }[] } };
    expect(atom.feed.entry.map((e) => e.id)).toEqual(
      projects.map((p) => `${siteUrl}/projects/${p.slug}/`),
    );
    const rss = parseXml(text(site, 'feed.xml')) as { rss: { channel: { item: unknown[] } } };
    expect(rss.rss.channel.item).toHaveLength(projects.length);
    const sitemap = parseXml(text(site, 'sitemap.xml')) as { urlset: { url: { loc: string }[] } };
    expect(sitemap.urlset.url.map((u) => u.loc)).toContain(`${siteUrl}/projects/oak-bench/`);
    expect(sitemap.urlset.url).toHaveLength(htmlPaths(site).length - 1);
  });

  it('keeps every page under 14 KiB gzip with 80 projects in seven tags', async () => {
    const tags = ['wood', 'metal', 'bikes', 'radios', 'garden', 'kids', 'sewing'];
    const many = Array.from({ length: 80 }, (_, n) =>
      item({
        title: `Project number ${n + 1}, a thing made for the street`,
        date: new Date(Date.UTC(2026, 0, 1) - n * 86_400_000 * 5).toISOString().slice(0, 10),
        tags: [tags[n % 7]!, tags[(n + 2) % 7]!, tags[(n + 4) % 7]!],
        summary: `What project ${n + 1} is, in a sentence or two, so neighbors know whether to click.`,
        body: paragraphs(n),
        imageUrl: `https://images.example.org/${n}.jpg`,
        imageAlt: `Project ${n + 1} on the bench`,
      }),
    );
    const files = await renderSite(siteInput('showcase', sample.settings, many));
    expect(brokenLinks(files)).toEqual([]);
    const heaviest = heaviestPage(files);
    expect(heaviest.gzip, heaviest.path).toBeLessThan(14 * 1024);
  });

  it('shows hostile Markdown in a description as text', async () => {
    const files = await renderSite(
      siteInput('showcase', { ...sample.settings, intro: hostileMarkdown }, [
        item({ title: 'Hostile', body: hostileMarkdown, imageAlt: '"><script>alert(1)</script>' }),
      ]),
    );
    for (const path of htmlPaths(files)) expect(scriptInHtml(text(files, path)), path).toEqual([]);
  });

  it('refuses a project link or picture that is not a web address', async () => {
    const error = await render(
      siteInput('showcase', sample.settings, [
        item({
          title: 'Sneaky',
          link: 'javascript:alert(1)',
          imageUrl: 'data:image/png;base64,AA',
        }),
      ]),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderInputError);
    expect((error as RenderInputError).problems).toEqual([
      'Project “Sneaky”, link: Web addresses must start with https://',
      'Project “Sneaky”, picture: Choose one of the site’s pictures (like picture:sungold) or enter a web address starting with https://',
    ]);
  });
});
