/**
 * The blog template rendered by real Eleventy: every file a blog publishes,
 * feeds read by an XML parser, hostile Markdown in pages and feeds, page
 * weight, and refusals of input that does not fit. What every template must
 * do is in `render-every-template.test.ts`.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contrast } from '../../builder/colour';
import { render, RenderInputError, type RenderInput } from '../../builder/render';
import { palette } from '../../builder/theme';
import { findTemplate } from '../../templates';
import { sample } from '../../templates/blog/sample';
import { defaultSettings } from '../../templates/settings';
import {
  brokenLinks,
  gzipSize,
  heaviestPage,
  hostileMarkdown,
  htmlPaths,
  item,
  links,
  paragraphs,
  parseXml,
  renderSite,
  scriptInHtml,
  siteInput,
  siteUrl,
  text,
  type Site,
} from './render-support';

const input = siteInput('blog', sample.settings, sample.items);
const posts = sample.items.filter((i) => i.kind === 'entry');
const postSlugs = posts.map((p) => p.slug);
const tagNames = [...new Set(posts.flatMap((p) => p.tags))];

/** What `render` throws for `input`, or fails the test when it does not throw. */
async function problemsOf(input: RenderInput): Promise<string[]> {
  const error = await render(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RenderInputError);
  return (error as RenderInputError).problems;
}

/** A blog of `count` posts, each a few paragraphs with two or three tags. */
function bigBlog(count: number): RenderInput {
  const tags = ['garden', 'street-party', 'repair-cafe', 'library', 'kids', 'food', 'meetings'];
  const items = Array.from({ length: count }, (_, n) => {
    const date = new Date(Date.UTC(2026, 0, 1) - n * 86_400_000 * 3).toISOString().slice(0, 10);
    return item({
      title: `Neighborhood notes, week ${count - n}: what happened and what comes next`,
      slug: `notes-${count - n}`,
      date,
      tags: [tags[n % 7]!, tags[(n * 3 + 1) % 7]!, ...(n % 2 ? [tags[(n + 5) % 7]!] : [])],
      summary: `A short account of week ${count - n}: who came, what we did, and what we will try next.`,
      body: paragraphs(n),
    });
  });
  return siteInput('blog', { ...sample.settings }, [...items, sample.items.at(-1)!]);
}

describe('render: blog', () => {
  let site: Site;
  beforeAll(async () => {
    site = await renderSite(input);
  });

  it('renders every file a blog publishes, each with its content type', () => {
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
      ...postSlugs.map((s) => `posts/${s}/index.html`),
      ...tagNames.map((t) => `tags/${t}/index.html`),
    ];
    expect([...site.keys()].sort()).toEqual(expected.sort());
    const types = Object.fromEntries([...site.values()].map((f) => [f.path, f.contentType]));
    expect(types['index.html']).toBe('text/html; charset=utf-8');
    expect(types['feed.xml']).toBe('application/rss+xml');
    expect(types['atom.xml']).toBe('application/atom+xml');
    expect(types['sitemap.xml']).toBe('application/xml');
    expect(types['.well-known/atproto-did']).toBe('text/plain');
  });

  it('lists posts newest first on the front page, with their summaries', () => {
    const home = text(site, 'index.html');
    const order = posts
      .map((p) => ({ slug: p.slug, at: home.indexOf(`href="posts/${p.slug}/"`) }))
      .sort((a, b) => a.at - b.at)
      .map((p) => p.slug);
    expect(order).toEqual([
      'first-tomatoes',
      'rain-barrels',
      'seed-swap',
      'compost',
      'plans-new-season',
    ]);
    expect(home).toContain('Four barrels, two downpipes, one very long Saturday.');
    expect(home).not.toContain('href="about/">About the garden</a></h');
  });

  it('lists titles only when summaries are turned off', async () => {
    const plain = await renderSite(
      siteInput('blog', { ...sample.settings, showSummaries: false }, sample.items),
    );
    expect(text(plain, 'index.html')).not.toContain('Four barrels, two downpipes');
    expect(text(plain, 'index.html')).toContain('Rain barrels are in');
  });

  it('gives each post its page with date, author, text, tags and its neighbors', () => {
    const page = text(site, 'posts/rain-barrels/index.html');
    expect(page).toContain('<title>Rain barrels are in · Notes from the Elm Street Garden</title>');
    expect(page).toContain('<time datetime="2026-06-02">2 June 2026</time> · Maya Okafor');
    expect(page).toContain('<strong>Please</strong> close the tap');
    expect(links(page)).toEqual(
      expect.arrayContaining([
        '../../tags/water/',
        '../../tags/workday/',
        '../../posts/first-tomatoes/',
        '../../posts/seed-swap/',
      ]),
    );
    expect(page).toContain('<meta name="description" content="Four barrels, two downpipes');
    expect(page).toContain(`<link rel="canonical" href="${siteUrl}/posts/rain-barrels/">`);
    expect(page).toContain('<meta property="og:type" content="article">');
    expect(page).toContain(`<meta property="og:url" content="${siteUrl}/posts/rain-barrels/">`);
  });

  it('has the landmarks, skip link and language every page needs', () => {
    for (const path of htmlPaths(site)) {
      const page = text(site, path);
      expect(page, path).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(page, path).toContain('<a class="skip" href="#main">');
      for (const landmark of ['<header', '<nav aria-label="Site">', '<main id="main"', '<footer']) {
        expect(page, path).toContain(landmark);
      }
      expect(page.match(/<h1[ >]/g), path).toHaveLength(1);
      expect(page, path).toContain('<a href="https://oak.example">Oak Street</a>');
      expect(page, path).not.toMatch(/<script/i);
    }
  });

  it('puts free pages in the menu and never in lists or feeds', () => {
    expect(links(text(site, 'posts/compost/index.html'))).toContain('../../about/');
    expect(text(site, 'about/index.html')).toContain('<h2>Getting a bed</h2>');
    expect(text(site, 'archive/index.html')).not.toContain('About the garden</a></li>\n</ul>\n<h2');
    expect(text(site, 'feed.xml')).not.toContain('About the garden');
    expect(text(site, 'atom.xml')).not.toContain('About the garden');
  });

  it('gives each tag a page with its posts, and lists every tag', () => {
    const water = text(site, 'tags/water/index.html');
    expect(water).toContain('<h1>Posts tagged “water”</h1>');
    expect(water).toContain('href="../../posts/rain-barrels/"');
    expect(water).not.toContain('href="../../posts/compost/"');
    const index = text(site, 'tags/index.html');
    for (const tag of tagNames) expect(index).toContain(`href="../tags/${tag}/"`);
  });

  it('keeps every post in the archive, grouped by year', () => {
    const archive = text(site, 'archive/index.html');
    expect(archive).toContain('<h2>2026</h2>');
    for (const slug of postSlugs) expect(archive).toContain(`href="../posts/${slug}/"`);
  });

  it('publishes an RSS feed that parses, newest first, with absolute links', () => {
    const rss = parseXml(text(site, 'feed.xml')) as {
      rss: {
        channel: {
          link: string;
          item: { link: string; guid: { '#text': string }; pubDate: string; description: string }[];
        };
      };
    };
    const items = rss.rss.channel.item;
    expect(rss.rss.channel.link).toBe(`${siteUrl}/`);
    expect(items.map((i) => i.link)).toEqual(postSlugs.map((s) => `${siteUrl}/posts/${s}/`));
    expect(items[0]!.guid['#text']).toBe(`${siteUrl}/posts/first-tomatoes/`);
    expect(items[0]!.pubDate).toBe('Tue, 14 Jul 2026 00:00:00 GMT');
    // The text travels as HTML, its site links made absolute.
    const plans = items.find((i) => i.link.endsWith('/plans-new-season/'))!;
    expect(plans.description).toContain(`<a href="${siteUrl}/about/">`);
  });

  it('publishes an Atom feed that parses, dated from the posts themselves', () => {
    const atom = parseXml(text(site, 'atom.xml')) as {
      feed: {
        updated: string;
        id: string;
        entry: {
          id: string;
          updated: string;
          published: string;
          category: { '@term': string }[];
        }[];
      };
    };
    expect(atom.feed.id).toBe(`${siteUrl}/`);
    expect(atom.feed.updated).toBe('2026-07-14T18:20:00.000Z');
    expect(atom.feed.entry.map((e) => e.id)).toEqual(
      postSlugs.map((s) => `${siteUrl}/posts/${s}/`),
    );
    expect(atom.feed.entry[1]).toMatchObject({
      published: '2026-06-02T00:00:00Z',
      updated: '2026-06-03T08:00:00.000Z',
      category: [{ '@term': 'water' }, { '@term': 'workday' }],
    });
  });

  it('keeps two renders running at once apart', async () => {
    const other = siteInput('blog', { ...sample.settings, title: 'Bob’s allotment' }, [
      item({ title: 'Only Bob’s post', tags: ['bob'] }),
    ]);
    const [a, b] = await Promise.all([renderSite(input), renderSite(other)]);
    expect(text(a, 'index.html')).toContain('Notes from the Elm Street Garden');
    expect(text(a, 'index.html')).not.toContain('Bob');
    expect(text(b, 'index.html')).toContain('Bob’s allotment');
    expect([...b.keys()].filter((p) => p.startsWith('posts/'))).toEqual([
      'posts/only-bob-s-post/index.html',
    ]);
  });

  it('keeps every page under 14 KiB gzip, even with 120 posts and a long one', async () => {
    const big = bigBlog(120);
    big.items.push(
      item({
        title: 'A very long post',
        date: '2026-01-02',
        body: Array.from({ length: 30 }, (_, n) => paragraphs(n)).join('\n\n'),
      }),
    );
    const files = await renderSite(big);
    // The front page shows the newest ten; the archive takes a hundred a page.
    expect(text(files, 'index.html').match(/<li>/g)!.length).toBeLessThan(20);
    expect(files.has('archive/2/index.html')).toBe(true);
    expect(brokenLinks(files)).toEqual([]);
    const heaviest = heaviestPage(files);
    expect(heaviest.gzip, heaviest.path).toBeLessThan(14 * 1024);
    for (const path of htmlPaths(files))
      expect(gzipSize(files.get(path)!), path).toBeLessThan(14 * 1024);
  });

  it('shows hostile Markdown and titles as text, in pages and feeds', async () => {
    const title = 'Hi </title><script>alert(1)</script> & “friends”';
    const files = await renderSite(
      siteInput('blog', { ...sample.settings, tagline: '<b>bold</b> "quoted"' }, [
        item({
          title,
          slug: 'hostile',
          summary: '<img src=x onerror=alert(1)>',
          body: hostileMarkdown,
        }),
      ]),
    );
    for (const path of htmlPaths(files)) expect(scriptInHtml(text(files, path)), path).toEqual([]);
    const page = text(files, 'posts/hostile/index.html');
    expect(page).toContain(
      '<title>Hi &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; “friends”',
    );
    expect(page).toContain('content="&lt;img src=x onerror=alert(1)&gt;"');
    expect(page).toContain('&lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot;');

    const rss = parseXml(text(files, 'feed.xml')) as {
      rss: { channel: { item: { title: string; description: string }[] } };
    };
    expect(rss.rss.channel.item[0]!.title).toBe(title);
    expect(scriptInHtml(rss.rss.channel.item[0]!.description)).toEqual([]);
    const atom = parseXml(text(files, 'atom.xml')) as {
      feed: { entry: { title: string; content: { '#text': string } }[] };
    };
    expect(atom.feed.entry[0]!.title).toBe(title);
    expect(scriptInHtml(atom.feed.entry[0]!.content['#text'])).toEqual([]);
  });

  it('keeps feeds well-formed when text holds characters XML cannot', async () => {
    const files = await renderSite(
      siteInput('blog', sample.settings, [
        item({ title: 'Bell\u0007 and \uFFFF', body: 'a\u0000b' }),
      ]),
    );
    expect(() => parseXml(text(files, 'atom.xml'))).not.toThrow();
    expect(() => parseXml(text(files, 'feed.xml'))).not.toThrow();
    expect(() => parseXml(text(files, 'sitemap.xml'))).not.toThrow();
  });

  it('encodes tag addresses with letters beyond ASCII', async () => {
    const files = await renderSite(
      siteInput('blog', sample.settings, [
        item({ title: 'Café day', slug: 'cafe-day', tags: ['café'] }),
      ]),
    );
    expect(files.has('tags/café/index.html')).toBe(true);
    expect(text(files, 'posts/cafe-day/index.html')).toContain('href="../../tags/caf%C3%A9/"');
    expect(text(files, 'sitemap.xml')).toContain(`<loc>${siteUrl}/tags/caf%C3%A9/</loc>`);
    expect(brokenLinks(files)).toEqual([]);
  });

  it('keeps the accent colour readable in light and dark mode', async () => {
    const pale = await renderSite(siteInput('blog', { ...sample.settings, accent: '#ffee55' }, []));
    const css = /<style>(.*?)<\/style>/s.exec(text(pale, 'index.html'))![1]!;
    const [light, dark] = [...css.matchAll(/--accent:(#[0-9a-f]{6})/g)].map((m) => m[1]!);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrast(light!, palette.light.surface)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(light!, palette.light.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(dark!, palette.dark.surface)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(dark!, palette.dark.bg)).toBeGreaterThanOrEqual(4.5);
    expect(css).toContain('@media(prefers-color-scheme:dark)');
    for (const { text: fg, muted, bg, surface } of [palette.light, palette.dark]) {
      for (const colour of [fg, muted]) {
        expect(contrast(colour, bg)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(colour, surface)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('uses the chosen font from the reader’s own device', async () => {
    const mono = await renderSite(siteInput('blog', { ...sample.settings, font: 'mono' }, []));
    expect(text(mono, 'index.html')).toContain('--font:ui-monospace');
    expect(text(site, 'index.html')).toContain('--font:Charter');
  });

  it('renders settings saved before a field existed, with its default', async () => {
    const { showSummaries: _dropped, ...older } = sample.settings;
    const files = await renderSite(siteInput('blog', older, sample.items));
    expect(text(files, 'index.html')).toContain('Four barrels, two downpipes');
  });

  it('renders a new site with nothing in it yet, from the template’s defaults', async () => {
    const blog = findTemplate('blog')!;
    const files = await renderSite(siteInput('blog', defaultSettings(blog.settings), []));
    expect([...files.keys()].sort()).toEqual([
      '.well-known/atproto-did',
      '404.html',
      'archive/index.html',
      'atom.xml',
      'favicon.svg',
      'feed.xml',
      'index.html',
      'robots.txt',
      'sitemap.xml',
      'tags/index.html',
    ]);
    expect(text(files, 'index.html')).toContain('Nothing here yet');
    expect(brokenLinks(files)).toEqual([]);
    expect(() => parseXml(text(files, 'atom.xml'))).not.toThrow();
    expect(() => parseXml(text(files, 'feed.xml'))).not.toThrow();
  });

  it('leaves drafts out', async () => {
    const files = await renderSite(
      siteInput('blog', sample.settings, [item({ title: 'Secret', status: 'draft', tags: ['x'] })]),
    );
    expect([...files.keys()].some((p) => p.includes('secret') || p.includes('tags/x'))).toBe(false);
  });

  it('writes nothing to disk', async () => {
    const before = [
      readdirSync(process.cwd()),
      readdirSync(join(process.cwd(), 'templates/blog/site')),
    ];
    await render(input);
    expect([
      readdirSync(process.cwd()),
      readdirSync(join(process.cwd(), 'templates/blog/site')),
    ]).toEqual(before);
    expect(readdirSync(tmpdir())).not.toContain('nbhd-render-output');
  });

  it('refuses a template it does not know', async () => {
    expect(await problemsOf({ ...input, template: 'zine' as 'blog' })).toEqual([
      'There is no template called “zine”.',
    ]);
  });

  it('names each setting that does not fit the template', async () => {
    const problems = await problemsOf(
      siteInput(
        'blog',
        { ...sample.settings, accent: 'green', font: 'comic', surprise: 1 } as never,
        [],
      ),
    );
    expect(problems).toEqual([
      'Settings, Accent colour: Choose a colour like #1a6b4f.',
      'Settings, Font: Choose one of: Sans-serif, Serif, Monospace.',
    ]);
  });

  it('names each item that does not fit, and why', async () => {
    const problems = await problemsOf(
      siteInput('blog', sample.settings, [
        item({ title: 'Hello', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }),
        item({ title: 'Quoted', tags: ['"x"'] }),
        item({ title: 'When', date: '2026-02-30' }),
        item({ title: 'Long', body: 'x'.repeat(100_001) }),
        item({ title: '', slug: 'untitled' }),
      ]),
    );
    expect(problems).toEqual([
      'Post “Hello”: Use at most 10 tags.',
      'Post “Quoted”: Tags are words: letters, digits and hyphens.',
      'Post “When”: That date does not exist.',
      'Post “Long”: Keep the text under 100,000 characters.',
      'Post 5: Give it a title.',
    ]);
  });

  it('refuses two posts at one address, and pages at the site’s own addresses', async () => {
    const problems = await problemsOf(
      siteInput('blog', sample.settings, [
        item({ title: 'First', slug: 'same' }),
        item({ title: 'Second', slug: 'same' }),
        item({ title: 'Tags', slug: 'tags', kind: 'page' }),
        item({ title: 'Same as a post', slug: 'same', kind: 'page' }),
      ]),
    );
    expect(problems).toEqual([
      'Post “Second”: Post “First” already uses the address “same”.',
      'Page “Tags”: the address “tags” is used by the site itself; choose another.',
    ]);
  });

  it('refuses a site address or owner that is not one', async () => {
    const problems = await problemsOf({
      ...input,
      site: { name: 'maya', url: 'maya.oak.example', ownerDid: 'maya' },
    });
    expect(problems).toEqual([
      'The site’s address “maya.oak.example” is not a web address.',
      'The owner’s identifier “maya” is not a DID.',
    ]);
  });
});
