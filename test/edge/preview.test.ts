/**
 * Previews in workerd, against the real table and the stack's real builder
 * (its local Lambda-invoke endpoint, rendering with Eleventy in Node).
 *
 * Byte identity: workerd cannot run Eleventy, so each test asks the
 * builder's invoke endpoint directly (a signed Invoke call, as in AWS) for
 * the same file and compares: HTML minus the one banner, and every other
 * file whole, must equal the builder's answer byte for byte. That the
 * builder's answer is `render()`'s file is proven in Node
 * (test/node/builder.test.ts).
 *
 * Failures are real too: a builder address where nothing listens, and a
 * server that never answers (the edge gives up after its timeout), reached
 * by running the app with those addresses as its bindings.
 */
import { AwsClient } from 'aws4fetch';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { app } from '../../edge/app';
import { BUILDER_TIMEOUT_MS } from '../../edge/builder';
import { createItem } from '../../edge/db/items';
import { createSite } from '../../edge/db/sites';
import type { Site, SiteItem } from '../../core/records/sites';
import type { BuilderRequest, PreviewResponse } from '../../core/builder-protocol';
import { defaultSettings } from '../../templates/settings';
import { blog } from '../../templates/blog/template';
import { createTestSite, testSiteName } from './site-support';
import { bindings, db, get, ORIGIN, signIn, type SignedIn } from './support';
import { itemContent } from '../support/item-content';

const utf8 = new TextDecoder();
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const equalBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/** The builder's own answer, asked for directly at its invoke endpoint. */
async function builderAnswer(request: BuilderRequest): Promise<PreviewResponse> {
  const aws = new AwsClient({
    accessKeyId: bindings.AWS_ACCESS_KEY_ID,
    secretAccessKey: bindings.AWS_SECRET_ACCESS_KEY,
    service: 'lambda',
    region: bindings.AWS_REGION,
    retries: 0,
  });
  const res = await aws.fetch(
    `${bindings.BUILDER_URL}/2015-03-31/functions/${bindings.BUILDER_FUNCTION}/invocations`,
    { method: 'POST', body: JSON.stringify(request) },
  );
  expect(res.headers.get('x-amz-function-error')).toBeNull();
  return res.json();
}

function builderBytes(answer: PreviewResponse): Uint8Array {
  if (answer.kind !== 'file') throw new Error(`expected a file, got ${answer.kind}`);
  return Uint8Array.from(atob(answer.body), (c) => c.charCodeAt(0));
}

const BANNER = /<aside data-nbhd-preview[^>]*>[\s\S]*?<\/aside>/g;

/**
 * The page without its one banner, which must sit right after the page's
 * skip link: the skip link stays the first thing a keyboard reaches.
 */
function withoutBanner(html: string): string {
  expect(html.match(BANNER)?.length).toBe(1);
  expect(html).toMatch(
    /<body[^>]*>\s*<a class="skip" href="#main">[^<]*<\/a><aside data-nbhd-preview/,
  );
  return html.replace(BANNER, '');
}

/** Same-site links of a page: relative hrefs, resolved against the page's address. */
function relativeLinks(html: string, page: string): string[] {
  const hrefs = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!);
  return [
    ...new Set(
      hrefs
        .filter((h) => !/^([a-z][a-z0-9+.-]*:|\/\/|\/|#)/i.test(h))
        .map((h) => new URL(h.replace(/&amp;/g, '&'), page).pathname),
    ),
  ];
}

let owner: SignedIn;
let site: Site;
let draft: SiteItem;
const previewPath = (path = '/') => `/sites/${site.name}/preview${path}`;

beforeAll(async () => {
  owner = await signIn({}, 'member');
  site = await createTestSite(owner.member.did, 'blog');
  await createItem(
    db,
    site.name,
    itemContent({
      title: 'First honey',
      slug: 'first-honey',
      date: '2026-05-02',
      tags: ['honey', 'bees'],
      body: 'The first jar of the year.',
    }),
  );
  await createItem(
    db,
    site.name,
    itemContent({ kind: 'page', title: 'About the hives', slug: 'about', date: '2026-04-01' }),
  );
  draft = await createItem(
    db,
    site.name,
    itemContent({ title: 'Secret queen plans', slug: 'queen-plans', status: 'draft' }),
  );
});

describe('GET /sites/:name/preview/*', () => {
  it('shows the owner the site as visitors will see it, with a preview banner', async () => {
    const res = await get(previewPath('/'), { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = utf8.decode(await bytesOf(res));
    expect(html).toContain('First honey');
    expect(html).not.toContain('Secret queen plans');
    const banner = html.match(BANNER)?.[0] ?? '';
    expect(banner).toContain('Preview');
    expect(banner).toContain('not published');
    expect(banner).toContain(`href="/sites/${site.name}"`);
  });

  it('answers the builder’s bytes exactly, apart from the banner in HTML', async () => {
    for (const path of ['/', '/posts/first-honey/', '/about/']) {
      const res = await get(previewPath(path), { cookie: owner.cookie });
      const raw = builderBytes(await builderAnswer({ kind: 'preview', site: site.name, path }));
      const stripped = new TextEncoder().encode(withoutBanner(utf8.decode(await bytesOf(res))));
      expect(equalBytes(stripped, raw), path).toBe(true);
    }
    for (const path of ['/sitemap.xml', '/feed.xml', '/.well-known/atproto-did']) {
      const res = await get(previewPath(path), { cookie: owner.cookie });
      const answer = await builderAnswer({ kind: 'preview', site: site.name, path });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(
        answer.kind === 'file' ? answer.contentType : '',
      );
      expect(equalBytes(await bytesOf(res), builderBytes(answer)), path).toBe(true);
    }
  });

  it('sends headers for a site document: inline style, no script, framed only by the app', async () => {
    const res = await get(previewPath('/'), { cookie: owner.cookie });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toMatch(/img-src [^;]*https:/);
    expect(csp).not.toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('navigates page to page by the site’s own relative links', async () => {
    const start = `${ORIGIN}${previewPath('/')}`;
    const home = utf8.decode(await bytesOf(await get(previewPath('/'), { cookie: owner.cookie })));
    const links = relativeLinks(home, start);
    expect(links).toContain(previewPath('/posts/first-honey/'));
    expect(links).toContain(previewPath('/about/'));
    for (const link of links) {
      const res = await get(link, { cookie: owner.cookie });
      expect(res.status, link).toBe(200);
      // One step further: from the post to its tag pages and back home.
      if (link.endsWith('/posts/first-honey/')) {
        const post = utf8.decode(await bytesOf(res));
        const next = relativeLinks(post, `${ORIGIN}${link}`);
        expect(next).toContain(previewPath('/'));
        expect(next.some((l) => l.startsWith(previewPath('/tags/')))).toBe(true);
        for (const further of next) {
          expect((await get(further, { cookie: owner.cookie })).status, further).toBe(200);
        }
      } else {
        await res.arrayBuffer();
      }
    }
  });

  it('answers an unknown path with the site’s own 404 page, banner and all', async () => {
    const res = await get(previewPath('/no/such/page/'), { cookie: owner.cookie });
    expect(res.status).toBe(404);
    const raw = builderBytes(
      await builderAnswer({ kind: 'preview', site: site.name, path: '/no/such/page/' }),
    );
    const html = withoutBanner(utf8.decode(await bytesOf(res)));
    expect(equalBytes(new TextEncoder().encode(html), raw)).toBe(true);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
  });

  it('adds the trailing slash: to the preview itself and to a folder', async () => {
    const bare = await get(`/sites/${site.name}/preview`, { cookie: owner.cookie });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(previewPath('/'));
    const folder = await get(previewPath('/posts/first-honey'), { cookie: owner.cookie });
    expect(folder.status).toBe(302);
    expect(folder.headers.get('location')).toBe(previewPath('/posts/first-honey/'));
  });

  it('never offers a way out of the editor’s own preview panel, where typed text would be lost', async () => {
    const banner = async (path: string, dest?: string) => {
      const headers: Record<string, string> = { cookie: owner.cookie };
      if (dest) headers['sec-fetch-dest'] = dest;
      const res = await get(path, headers);
      expect(res.headers.get('vary')).toContain('Sec-Fetch-Dest');
      return utf8.decode(await bytesOf(res)).match(BANNER)?.[0] ?? '';
    };
    const draftPage = previewPath(`/draft/${draft.id}/posts/queen-plans/`);
    // In the panel: the banner says what it is, and links nowhere.
    const framed = await banner(draftPage, 'iframe');
    expect(framed).toContain('Preview');
    expect(framed).not.toContain('<a ');
    // Filling the window: back to the item being edited, not the dashboard.
    const full = await banner(draftPage, 'document');
    expect(full).toContain(`href="/sites/${site.name}/items/${draft.id}" target="_top"`);
    // A browser that does not say where: a new window, so a frame is never replaced.
    expect(await banner(previewPath('/'))).toContain(`href="/sites/${site.name}" target="_blank"`);
  });

  it('shows one draft as if it were ready under /draft/:itemId/', async () => {
    const base = previewPath(`/draft/${draft.id}`);
    const bare = await get(base, { cookie: owner.cookie });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(`${base}/`);
    const home = await get(`${base}/`, { cookie: owner.cookie });
    const html = utf8.decode(await bytesOf(home));
    expect(html).toContain('Secret queen plans');
    const links = relativeLinks(html, `${ORIGIN}${base}/`);
    expect(links).toContain(`${base}/posts/queen-plans/`);
    const post = await get(`${base}/posts/queen-plans/`, { cookie: owner.cookie });
    expect(post.status).toBe(200);
    expect(utf8.decode(await bytesOf(post))).toContain('Secret queen plans');
    const unknown = await get(previewPath('/draft/no-such-item/'), { cookie: owner.cookie });
    expect(unknown.status).toBe(404);
  });

  it('answers 404 to other members and admins, and asks the signed-out to sign in', async () => {
    const other = await signIn({}, 'member');
    const admin = await signIn({}, 'admin');
    for (const who of [other, admin]) {
      const res = await get(previewPath('/'), { cookie: who.cookie });
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('Page not found');
      expect(html).not.toContain('First honey');
    }
    const draftRes = await get(previewPath(`/draft/${draft.id}/`), { cookie: other.cookie });
    expect(draftRes.status).toBe(404);
    const signedOut = await get(previewPath('/'));
    expect(signedOut.status).toBe(401);
    expect(await signedOut.text()).not.toContain('First honey');
  });

  it('lists the problems, with a link to the settings, when the site does not fit its template', async () => {
    const broken = await createSite(
      db,
      {
        name: testSiteName('broken'),
        ownerDid: owner.member.did,
        template: 'blog',
        settings: { ...defaultSettings(blog.settings), accent: 'red' },
      },
      100,
    );
    const res = await get(`/sites/${broken.name}/preview/`, { cookie: owner.cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<li>[^<]*colour[^<]*<\/li>/i);
    expect(html).toContain(`href="/sites/${broken.name}/settings"`);
  });
});

describe('GET /sites/:name/preview/* when the builder fails', () => {
  const through = (url: string) =>
    app.request(
      `${ORIGIN}${previewPath('/')}`,
      { headers: { cookie: owner.cookie } },
      { ...bindings, BUILDER_URL: url },
    );

  it('says the builder cannot be reached, and that the work is saved', async () => {
    const res = await through(inject('deadBuilderUrl'));
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('could not reach the site builder');
    expect(html).toContain('Your work is saved');
    expect(html).toContain(`href="/sites/${site.name}"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // An app page again, with the app's own policy, but one the editor's preview frame may show.
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it(
    'gives up on a builder that does not answer in time',
    async () => {
      const started = Date.now();
      const res = await through(inject('slowBuilderUrl'));
      expect(Date.now() - started).toBeGreaterThanOrEqual(BUILDER_TIMEOUT_MS - 100);
      expect(res.status).toBe(504);
      const html = await res.text();
      expect(html).toContain('taking too long');
      expect(html).toContain('Your work is saved');
    },
    BUILDER_TIMEOUT_MS + 10_000,
  );
});

describe('GET /templates/:id/sample/*', () => {
  it('shows anyone the template’s sample site, cacheable, with a sample banner', async () => {
    const res = await get('/templates/blog/sample/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
    const html = utf8.decode(await bytesOf(res));
    const banner = html.match(BANNER)?.[0] ?? '';
    expect(banner).toContain('Sample');
    expect(banner).toContain('href="/sites/new?template=blog"');
    const raw = builderBytes(await builderAnswer({ kind: 'sample', template: 'blog', path: '/' }));
    expect(equalBytes(new TextEncoder().encode(withoutBanner(html)), raw)).toBe(true);
    for (const link of relativeLinks(html, `${ORIGIN}/templates/blog/sample/`)) {
      expect((await get(link)).status, link).toBe(200);
    }
  });

  it('adds the trailing slash, and answers 404 for a template nbhd does not have', async () => {
    const bare = await get('/templates/newsletter/sample');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/templates/newsletter/sample/');
    expect((await get('/templates/wiki/sample/')).status).toBe(404);
  });
});
