/**
 * Helpers for the render tests: a site's input with sensible defaults,
 * rendered files by path, every link a page holds, XML parsed by a real
 * parser, and the checks every template must pass (links that resolve
 * from the preview prefix and from the site's root, gzip sizes).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { gzipSync } from 'node:zlib';
import { render, type RenderedFile, type RenderInput } from '../../builder/render';
import type { RenderItem } from '../../templates/content';
import type { TemplateId } from '../../templates';
import type { Settings } from '../../templates/settings';

export const siteUrl = 'https://maya.oak.example';
export const ownerDid = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';

/** The input for a site of `template` with these settings and items. */
export function siteInput(
  template: TemplateId,
  settings: Settings,
  items: RenderItem[],
): RenderInput {
  return {
    template,
    site: { name: 'maya', url: siteUrl, ownerDid },
    neighborhood: { name: 'Oak Street', url: 'https://oak.example' },
    settings,
    items,
  };
}

/** An item with every field filled, changed by `fields`. */
export function item(fields: Partial<RenderItem> & { title: string }): RenderItem {
  return {
    kind: 'entry',
    slug: fields.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
    date: '2026-05-01',
    tags: [],
    summary: '',
    body: 'Some words.',
    status: 'ready',
    link: '',
    imageUrl: '',
    imageAlt: '',
    updatedAt: `${fields.date ?? '2026-05-01'}T12:00:00.000Z`,
    ...fields,
  };
}

export type Site = Map<string, RenderedFile>;

/** Renders `input` and returns its files by path. */
export async function renderSite(input: RenderInput): Promise<Site> {
  return new Map((await render(input)).map((f) => [f.path, f]));
}

const decoder = new TextDecoder();

/** The text of the file at `path`, failing the test when there is none. */
export function text(site: Site, path: string): string {
  const file = site.get(path);
  if (!file) throw new Error(`no file ${path}; there are: ${[...site.keys()].join(', ')}`);
  return decoder.decode(file.body);
}

export const htmlPaths = (site: Site) => [...site.keys()].filter((p) => p.endsWith('.html'));

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** Every href and src in a page, entities decoded. */
export function links(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) =>
    m[1]!.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => entities[e]!),
  );
}

/** The file a URL path names, as a static host would pick it. */
function fileFor(pathname: string): string {
  const path = decodeURIComponent(pathname.slice(1));
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

/**
 * Every link in every page that does not lead to one of the site's files,
 * as "page → link". Each page is looked at twice: served under a preview
 * prefix and at the site's root, so a root-relative link (`/about/`), which
 * would escape the prefix, counts as broken. Absolute links count when they
 * point into the site (the 404 page's); other sites' addresses are skipped.
 */
export function brokenLinks(site: Site): string[] {
  const broken: string[] = [];
  const prefix = 'https://app.example/sites/maya/preview/';
  for (const page of htmlPaths(site)) {
    for (const link of links(text(site, page))) {
      if (link.startsWith('#')) {
        if (!text(site, page).includes(`id="${link.slice(1)}"`)) broken.push(`${page} → ${link}`);
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) {
        if (link.startsWith(`${siteUrl}/`) && !site.has(fileFor(new URL(link).pathname))) {
          broken.push(`${page} → ${link}`);
        }
        continue;
      }
      const previewed = new URL(link, prefix + page);
      const published = new URL(link, `${siteUrl}/${page}`);
      const inPrefix = previewed.href.startsWith(prefix);
      const target = fileFor(published.pathname);
      if (!inPrefix || !site.has(target)) broken.push(`${page} → ${link}`);
    }
  }
  return broken;
}

/** `xml` parsed, after checking it is well-formed. */
export function parseXml(xml: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => ['item', 'entry', 'url', 'category'].includes(name),
  }).parse(xml) as Record<string, unknown>;
}

/** Compressed size of a file as a browser would download it (gzip, default level). */
export const gzipSize = (file: RenderedFile) => gzipSync(file.body).byteLength;

/** The heaviest page: its path and gzip size. */
export function heaviestPage(site: Site): { path: string; gzip: number } {
  return htmlPaths(site)
    .map((path) => ({ path, gzip: gzipSize(site.get(path)!) }))
    .reduce((a, b) => (b.gzip > a.gzip ? b : a));
}

/** A few paragraphs of a neighbor's writing, different for each `n`. */
export function paragraphs(n: number): string {
  const topics = ['the garden', 'the street party', 'the bike repair café', 'the library box'];
  const topic = topics[n % topics.length];
  return [
    `Post ${n} is about ${topic}. We met on Saturday morning, and more people came than expected, which was lovely: there were ${n + 3} of us by eleven.`,
    `Some notes for next time: bring more chairs, start a little later, and put the sign up at the corner so people coming from the bus stop can find us. Thanks to everyone who helped carry tables.`,
    `If you want to help with ${topic}, write to me or leave a note in the box. There is a [list of what we need](https://example.org/needs/${n}) and it is never short.`,
  ].join('\n\n');
}

/**
 * Markdown that tries every trick to get script into a page: raw HTML,
 * event handler attributes, script URLs (plain, mixed case, as entities,
 * with a tab), data URLs and frames.
 */
export const hostileMarkdown = [
  '<script>alert("raw")</script>',
  '<img src="x" onerror="alert(1)">',
  '<iframe src="https://evil.example/"></iframe>',
  '[plain](javascript:alert(1))',
  '[mixed](jAvAsCrIpT:alert(1))',
  '[entity](&#106;avascript:alert(1))',
  '[tab](java&#x09;script:alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![pic](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
  '<javascript:alert(1)>',
  '[vb](vbscript:msgbox(1))',
].join('\n\n');

/**
 * What must never appear in HTML made from `hostileMarkdown`: an element
 * the author typed, an event handler, or a link or image with a script or
 * data URL.
 */
export function scriptInHtml(html: string): string[] {
  const found: string[] = [];
  for (const pattern of [/<script/i, /<iframe/i]) {
    if (pattern.test(html)) found.push(String(pattern));
  }
  // Escaped text may say "onerror=", as text or inside a quoted value; only attributes matter.
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    if (/\son[a-z]+\s*=/i.test(tag.replace(/"[^"]*"/g, '""'))) found.push(tag);
  }
  for (const link of links(html)) {
    // eslint-disable-next-line no-control-regex
    const compact = link.replace(/[\u0000-\u0020]/g, '').toLowerCase();
    if (/^(javascript|vbscript|data):/.test(compact)) found.push(link);
  }
  return found;
}
