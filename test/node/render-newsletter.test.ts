/**
 * The newsletter archive rendered by real Eleventy: numbered issues newest
 * first, a page per issue, how to subscribe on every page, feeds and
 * sitemap, links, weight and refusals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { render, RenderInputError } from '../../builder/render';
import { sample } from '../../templates/newsletter/sample';
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

const input = siteInput('newsletter', sample.settings, sample.items);
const issues = sample.items.filter((i) => i.kind === 'entry');
const tagNames = [...new Set(issues.flatMap((p) => p.tags))];
const newestFirst = [
  'street-party-bakers',
  'the-crossing',
  'spring-clean-up',
  'meet-the-bakery',
  'hello-oak-street',
];

describe('render: newsletter', () => {
  let site: Site;
  beforeAll(async () => {
    site = await renderSite(input);
  });

  it('renders every file a newsletter archive publishes, each with its content type', () => {
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
      ...issues.map((p) => `issues/${p.slug}/index.html`),
      ...tagNames.map((t) => `tags/${t}/index.html`),
    ];
    expect([...site.keys()].sort()).toEqual(expected.sort());
    expect(site.get('feed.xml')!.contentType).toBe('application/rss+xml');
    expect(site.get('issues/the-crossing/index.html')!.contentType).toBe(
      'text/html; charset=utf-8',
    );
    expect(text(site, '.well-known/atproto-did')).toBe(ownerDid);
  });

  it('lists issues newest first by number, with date and subject', () => {
    const home = text(site, 'index.html');
    const order = [...home.matchAll(/<h3><a href="issues\/([^/]+)\/">/g)].map((m) => m[1]);
    expect(order).toEqual(newestFirst);
    expect(home).toContain('<a href="issues/the-crossing/">No. 4: The crossing is coming</a>');
    expect(home).toContain('<time datetime="2026-05-03">3 May 2026</time>');
  });

  it('orders by issue number even when dates disagree', async () => {
    const files = await renderSite(
      siteInput('newsletter', sample.settings, [
        item({ title: 'Late extra', number: 2, date: '2026-09-01' }),
        item({ title: 'Third', number: 3, date: '2026-08-01' }),
        item({ title: 'First', number: 1, date: '2026-07-01' }),
      ]),
    );
    const home = text(files, 'index.html');
    expect([...home.matchAll(/<h3><a href="issues\/([^/]+)\/">/g)].map((m) => m[1])).toEqual([
      'third',
      'late-extra',
      'first',
    ]);
  });

  it('shows how to subscribe first on the front page and at the end of every other page', () => {
    const home = text(site, 'index.html');
    expect(home.indexOf('id="subscribe-heading"')).toBeLessThan(home.indexOf('Latest issues'));
    for (const path of htmlPaths(site)) {
      const page = text(site, path);
      expect(page.match(/id="subscribe-heading"/g), path).toHaveLength(1);
      expect(page, path).toContain(
        '<a class="button" href="https://example.org/bulletin/subscribe">',
      );
      expect(page, path).toContain('<a href="mailto:bulletin@example.org">');
    }
  });

  it('leaves the subscribe box out when there is nothing to say', async () => {
    const files = await renderSite(
      siteInput(
        'newsletter',
        { ...sample.settings, subscribeText: '', subscribeUrl: '' },
        sample.items,
      ),
    );
    for (const path of htmlPaths(files))
      expect(text(files, path), path).not.toContain('class="subscribe"');
  });

  it('gives each issue its page, with its number, date and neighbors', () => {
    const page = text(site, 'issues/the-crossing/index.html');
    expect(page).toContain(
      '<title>No. 4: The crossing is coming · The Oak Street Bulletin</title>',
    );
    expect(page).toContain(
      '<p class="meta">Issue 4 · <time datetime="2026-05-03">3 May 2026</time></p>',
    );
    expect(page).toContain('<h1>The crossing is coming</h1>');
    expect(links(page)).toEqual(
      expect.arrayContaining([
        '../../issues/street-party-bakers/',
        '../../issues/spring-clean-up/',
      ]),
    );
    expect(page).toContain('No. 5: Street party, new bins, and a call for bakers');
  });

  it('publishes feeds and a sitemap that parse, newest issue first, with absolute links', () => {
    const rss = parseXml(text(site, 'feed.xml')) as {
      rss: { channel: { item: { title: string; link: string }[] } };
    };
    expect(rss.rss.channel.item.map((i) => i.link)).toEqual(
      newestFirst.map((s) => `${siteUrl}/issues/${s}/`),
    );
    expect(rss.rss.channel.item[0]!.title).toBe(
      'No. 5: Street party, new bins, and a call for bakers',
    );
    const atom = parseXml(text(site, 'atom.xml')) as {
      feed: { updated: string; entry: unknown[] };
    };
    expect(atom.feed.updated).toBe('2026-06-07T07:00:00.000Z');
    expect(atom.feed.entry).toHaveLength(5);
    const sitemap = parseXml(text(site, 'sitemap.xml')) as { urlset: { url: { loc: string }[] } };
    expect(sitemap.urlset.url.map((u) => u.loc)).toContain(`${siteUrl}/issues/the-crossing/`);
  });

  it('keeps every page under 14 KiB gzip with 150 issues', async () => {
    const many = Array.from({ length: 150 }, (_, n) =>
      item({
        title: `Bulletin for month ${n + 1}: news, plans and a neighbor to meet`,
        number: n + 1,
        date: new Date(Date.UTC(2014, n, 1)).toISOString().slice(0, 10),
        tags: ['news'],
        summary: `What happened in month ${n + 1}, what is coming, and who lives at number ${n + 2}.`,
        body: paragraphs(n),
      }),
    );
    const files = await renderSite(siteInput('newsletter', sample.settings, many));
    expect(files.has('archive/2/index.html')).toBe(true);
    expect(brokenLinks(files)).toEqual([]);
    const heaviest = heaviestPage(files);
    expect(heaviest.gzip, heaviest.path).toBeLessThan(14 * 1024);
  });

  it('shows hostile Markdown in an issue and in the subscribe text as text', async () => {
    const files = await renderSite(
      siteInput('newsletter', { ...sample.settings, subscribeText: hostileMarkdown }, [
        item({ title: '<script>alert(1)</script>', slug: 'x', number: 1, body: hostileMarkdown }),
      ]),
    );
    for (const path of htmlPaths(files)) expect(scriptInHtml(text(files, path)), path).toEqual([]);
  });

  it('refuses issues without a number, or two with the same one', async () => {
    const error = await render(
      siteInput('newsletter', sample.settings, [
        item({ title: 'Unnumbered' }),
        item({ title: 'One', number: 1 }),
        item({ title: 'Also one', number: 1 }),
      ]),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderInputError);
    expect((error as RenderInputError).problems).toEqual([
      'Issue “Unnumbered”: give it an issue number.',
      'Issue “Also one”: Issue “One” is already number 1.',
    ]);
  });

  it('names a subscribe link that is not a web address', async () => {
    const error = await render(
      siteInput('newsletter', { ...sample.settings, subscribeUrl: 'mailto:x@example.org' }, []),
    ).catch((e: unknown) => e);
    expect((error as RenderInputError).problems).toEqual([
      'Settings, Subscribe link: Web addresses must start with https:// or http://',
    ]);
  });
});
