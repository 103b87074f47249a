/**
 * The local site host end to end over HTTP: the built function routes each
 * request, the origin serves the deploy's files, and whatever is missing
 * answers 404 with the right page.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOREVER_CACHE } from '../../../builder/storage/site-files';
import { SITE_HEADERS } from '../../../core/site-headers';
import { startLocalSiteHost, type LocalSiteHost } from '../../../hosting/local-host';
import { MemoryOrigin, MemoryStore, SITES_HOST, siteFunctionSource } from './support';

let host: LocalSiteHost;
const origin = new MemoryOrigin()
  .put('sites/alice/d2/index.html', '<h1>Alice at home</h1>')
  .put('sites/alice/d2/tags/café/index.html', '<h1>Café</h1>')
  .put('sites/alice/d2/feed.xml', '<rss/>', 'application/rss+xml')
  .put('sites/alice/d2/.well-known/atproto-did', 'did:plc:alice', 'text/plain')
  .put('sites/alice/d2/404.html', '<h1>Alice has no such page</h1>')
  .put('sites/alice/d1/index.html', '<h1>Alice, an older deploy</h1>')
  .put('sites/alice/_pictures/3f9a1c2b4d5e6f70-960.webp', 'RIFF…WEBP', 'image/webp', FOREVER_CACHE);

beforeAll(async () => {
  const store = new MemoryStore().publish('alice', 'd2');
  host = await startLocalSiteHost({ source: await siteFunctionSource(), store, origin });
});
afterAll(() => host.close());

interface Visit {
  status: number;
  headers: { get(name: string): string | undefined };
  text(): Promise<string>;
}

/**
 * Asks the host for `path` as the site `name`, with the Host a browser would
 * send, and the path exactly as given (fetch may not set Host, and a URL
 * would resolve `..` before the host saw it: so plain node:http).
 */
function visit(
  name: string,
  path: string,
  init: { method?: string; body?: string; host?: string } = {},
) {
  return new Promise<Visit>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: init.method ?? 'GET',
        headers: { host: init.host ?? `${name}.${SITES_HOST}:8788` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: { get: (h) => res.headers[h.toLowerCase()] as string | undefined },
            text: async () => body,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('the local site host', () => {
  it('binds the loopback address only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the live deploy’s files with the origin’s content type', async () => {
    const home = await visit('alice', '/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('cache-control')).toBe('max-age=60');
    expect(await home.text()).toBe('<h1>Alice at home</h1>');
    const feed = await visit('alice', '/feed.xml');
    expect(feed.headers.get('content-type')).toBe('application/rss+xml');
    const did = await visit('alice', '/.well-known/atproto-did');
    expect([did.status, await did.text()]).toEqual([200, 'did:plc:alice']);
  });

  it('serves a non-ASCII folder from its decoded key', async () => {
    const tag = await visit('alice', '/tags/caf%C3%A9/');
    expect([tag.status, await tag.text()]).toEqual([200, '<h1>Café</h1>']);
  });

  it('answers a missing page of a published site with that site’s own 404 page', async () => {
    const missing = await visit('alice', '/posts/gone/');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await missing.text()).toBe('<h1>Alice has no such page</h1>');
  });

  it('serves a live site’s pictures from beside its deploys, cached for a year', async () => {
    const picture = await visit('alice', '/_pictures/3f9a1c2b4d5e6f70-960.webp');
    expect([picture.status, await picture.text()]).toEqual([200, 'RIFF…WEBP']);
    expect(picture.headers.get('content-type')).toBe('image/webp');
    expect(picture.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await visit('alice', '/_pictures/3f9a1c2b4d5e6f70-480.webp');
    expect(missing.status).toBe(404);
    expect(origin.asked).not.toContain('sites/alice/_pictures/404.html');
    const odd = await visit('alice', '/_pictures/../d2/index.html');
    expect(odd.status).toBe(400);
    const notLive = await visit('carol', '/_pictures/3f9a1c2b4d5e6f70-960.webp');
    expect([notLive.status, await notLive.text()]).toEqual([
      404,
      expect.stringContaining('No site here'),
    ]);
  });

  it('answers an unknown site with the neighborhood’s friendly page and 404', async () => {
    const unknown = await visit('carol', '/');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('No site here');
    expect(origin.asked.some((key) => key.startsWith('sites/carol/'))).toBe(false);
  });

  it('lets the function see the path as sent, so a climb out of the deploy is refused', async () => {
    for (const path of ['/posts/%2e%2e/%2e%2e/d1/index.html', '/../d1/index.html']) {
      const climb = await visit('alice', path);
      expect(climb.status, path).toBe(400);
    }
    expect(origin.asked).not.toContain('sites/alice/d1/index.html');
  });

  it('passes the function’s redirect through', async () => {
    const folder = await visit('alice', '/about?x=1');
    expect(folder.status).toBe(301);
    expect(folder.headers.get('location')).toBe('/about/?x=1');
  });

  it('reads the site from an absolute request target, as a client using it as a proxy sends', async () => {
    const site = `http://alice.${SITES_HOST}:8788`;
    // The target names the site; the Host header (the proxy's own address) does not count.
    const post = await visit('unused', `${site}/tags/caf%C3%A9/`, {
      host: `127.0.0.1:${host.port}`,
    });
    expect([post.status, await post.text()]).toEqual([200, '<h1>Café</h1>']);
    const home = await visit('unused', site, { host: `carol.${SITES_HOST}:8788` });
    expect([home.status, await home.text()]).toEqual([200, '<h1>Alice at home</h1>']);
    const folder = await visit('unused', `${site}/about?x=1`);
    expect([folder.status, folder.headers.get('location')]).toEqual([301, '/about/?x=1']);
    const unknown = await visit('alice', `http://carol.${SITES_HOST}:8788/`);
    expect([unknown.status, await unknown.text()]).toEqual([
      404,
      expect.stringContaining('No site here'),
    ]);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await visit('alice', '/', { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    const post = await visit('alice', '/', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
  });

  it('sends the sites’ security headers on every answer, as the distribution adds them', async () => {
    const answers = [
      await visit('alice', '/'),
      await visit('alice', '/feed.xml'),
      await visit('alice', '/posts/gone/'),
      await visit('carol', '/'),
      await visit('alice', '/about'),
      await visit('alice', '/%2e%2e/d1/'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 404, 301, 400]);
    for (const answer of answers) {
      for (const [name, value] of Object.entries(SITE_HEADERS)) {
        expect(answer.headers.get(name), name).toBe(value);
      }
    }
    expect(SITE_HEADERS['content-security-policy']).toMatch(/default-src 'none'/);
  });
});
