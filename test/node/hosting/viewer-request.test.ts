/**
 * The sites' routing, run on the built CloudFront Function in the sandbox
 * the local site host uses: every rule of the host header, the live
 * pointer and the path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  isResponse,
  type CloudFrontRequest,
  type CloudFrontResponse,
  type FieldValue,
} from '../../../hosting/event';
import { SITE_HEADERS } from '../../../core/site-headers';
import { loadSiteFunction, type SiteFunction } from '../../../hosting/sandbox';
import { MemoryStore, SITES_HOST, siteFunctionSource, viewerRequest } from './support';

let store: MemoryStore;
let site: SiteFunction;

beforeAll(async () => {
  store = new MemoryStore().publish('alice', 'd-2026-1').publish('bob', 'bob_7');
  // A reserved name in the store must still never be served.
  store.publish('www', 'w1');
  store.set('broken', 'not json');
  site = loadSiteFunction(await siteFunctionSource(), store);
});

const run = (host: string, uri: string, query?: Record<string, FieldValue>) =>
  site.handle(viewerRequest(host, uri, query));

async function rewrite(host: string, uri: string): Promise<string> {
  const result = await run(host, uri);
  if (isResponse(result)) throw new Error(`${host}${uri} answered ${result.statusCode}`);
  return (result as CloudFrontRequest).uri;
}

async function response(host: string, uri: string, query?: Record<string, FieldValue>) {
  const result = await run(host, uri, query);
  if (!isResponse(result)) throw new Error(`${host}${uri} went to the origin as ${result.uri}`);
  return result as CloudFrontResponse;
}

async function expectNotFound(host: string, uri = '/') {
  const result = await response(host, uri);
  expect(result.statusCode, host).toBe(404);
  expect(result.headers?.['content-type']?.value).toBe('text/html; charset=utf-8');
  expect(result.body?.data).toContain('No site here');
  expect(result.body?.data).not.toMatch(/<script|src=|style=/i);
  // One link, back to the neighborhood's front page.
  expect(result.body?.data?.match(/href="[^"]*"/g)).toEqual([`href="https://${SITES_HOST}/"`]);
}

describe('the site host: which site a Host names', () => {
  it('sends a published site to its live deploy', async () => {
    expect(await rewrite('alice.oak.example', '/')).toBe('/sites/alice/d-2026-1/index.html');
    expect(await rewrite('bob.oak.example', '/')).toBe('/sites/bob/bob_7/index.html');
  });

  it('reads the Host without case, port or trailing dot', async () => {
    for (const host of ['ALICE.Oak.Example', 'alice.oak.example:443', 'alice.oak.example.']) {
      expect(await rewrite(host, '/'), host).toBe('/sites/alice/d-2026-1/index.html');
    }
  });

  it('serves no site at the apex, a reserved name, a deeper name or another domain', async () => {
    for (const host of [
      'oak.example',
      'www.oak.example',
      'a.alice.oak.example',
      'alice.evil.example',
      '',
    ]) {
      await expectNotFound(host);
    }
    expect(store.asked).not.toContain('www');
  });

  it('answers the friendly not-found for an unknown, unpublished or unreadable site', async () => {
    await expectNotFound('carol.oak.example');
    await expectNotFound('carol.oak.example', '/posts/hello/');
    await expectNotFound('broken.oak.example');
    expect(store.asked).toContain('carol');
  });
});

describe('the site host: paths', () => {
  it('serves a folder by its index.html and a file by its name', async () => {
    const host = 'alice.oak.example';
    expect(await rewrite(host, '/posts/hello/')).toBe(
      '/sites/alice/d-2026-1/posts/hello/index.html',
    );
    expect(await rewrite(host, '/feed.xml')).toBe('/sites/alice/d-2026-1/feed.xml');
    expect(await rewrite(host, '/404.html')).toBe('/sites/alice/d-2026-1/404.html');
  });

  it('redirects a folder asked for without its slash, keeping the query string', async () => {
    const plain = await response('alice.oak.example', '/about');
    expect(plain.statusCode).toBe(301);
    expect(plain.headers?.location?.value).toBe('/about/');
    const query = await response('alice.oak.example', '/posts/hello', {
      ref: { value: 'a%20b' },
      tag: { value: 'x', multiValue: [{ value: 'x' }, { value: 'y' }] },
      flag: { value: '' },
    });
    expect(query.headers?.location?.value).toBe('/posts/hello/?ref=a%20b&tag=x&tag=y&flag');
  });

  it('reaches a non-ASCII folder however the viewer encodes it', async () => {
    const host = 'alice.oak.example';
    const key = '/sites/alice/d-2026-1/tags/caf%C3%A9/index.html';
    expect(await rewrite(host, '/tags/caf%C3%A9/')).toBe(key);
    expect(await rewrite(host, '/tags/café/')).toBe(key);
    expect(await rewrite(host, '/tags/caf%c3%a9/')).toBe(key);
    expect(await rewrite(host, '/a%20b.txt')).toBe('/sites/alice/d-2026-1/a%20b.txt');
  });

  it('refuses paths that would climb out of the deploy or leave the site', async () => {
    for (const uri of [
      '/../bob/bob_7/index.html',
      '/posts/%2e%2e/%2E%2E/x.html',
      '/posts/%2fetc/x.html',
      '/posts/..%5cx.html',
      '/./index.html',
      '//evil.example',
      '/bad%zzescape/',
      'relative',
    ]) {
      const result = await response('alice.oak.example', uri);
      expect(result.statusCode, uri).toBe(400);
      expect(result.headers?.location, uri).toBeUndefined();
    }
  });

  it('serves /.well-known/atproto-did as the file it is', async () => {
    expect(await rewrite('alice.oak.example', '/.well-known/atproto-did')).toBe(
      '/sites/alice/d-2026-1/.well-known/atproto-did',
    );
  });
});

describe('the site host: pictures', () => {
  const file = '3f9a1c2b4d5e6f70-960.webp';

  it('serves a live site’s picture from beside its deploys, shared by all of them', async () => {
    expect(await rewrite('alice.oak.example', `/_pictures/${file}`)).toBe(
      `/sites/alice/_pictures/${file}`,
    );
    expect(await rewrite('bob.oak.example', '/_pictures/3f9a1c2b4d5e6f70-1600.png')).toBe(
      '/sites/bob/_pictures/3f9a1c2b4d5e6f70-1600.png',
    );
    expect(await rewrite('alice.oak.example', '/_pictures/3f9a1c2b4d5e6f70-480.jpg')).toBe(
      '/sites/alice/_pictures/3f9a1c2b4d5e6f70-480.jpg',
    );
  });

  it('serves no pictures for a site that is not live', async () => {
    await expectNotFound('carol.oak.example', `/_pictures/${file}`);
    await expectNotFound('broken.oak.example', `/_pictures/${file}`);
    await expectNotFound('www.oak.example', `/_pictures/${file}`);
  });

  it('serves only the names a processed picture has', async () => {
    for (const uri of [
      '/_pictures/',
      '/_pictures',
      '/_pictures/index.html',
      '/_pictures/3f9a1c2b4d5e6f70-960.gif',
      '/_pictures/3F9A1C2B4D5E6F70-960.webp',
      '/_pictures/3f9a1c2b4d5e6f7-960.webp',
      '/_pictures/3f9a1c2b4d5e6f70-0960.webp',
      '/_pictures/3f9a1c2b4d5e6f70-960.webp.html',
      `/_pictures/x/${file}`,
      `/_pictures/${file}/`,
    ]) {
      const result = await response('alice.oak.example', uri);
      expect(result.statusCode, uri).toBe(404);
    }
    for (const uri of ['/_pictures/../x', `/_pictures/%2e%2e/${file}`, `/_pictures/..%2f${file}`]) {
      const result = await response('alice.oak.example', uri);
      expect(result.statusCode, uri).toBe(400);
    }
  });
});

describe('the site host: its own answers', () => {
  it('carry the sites’ security headers, whatever the distribution adds', async () => {
    const answers = [
      await response('carol.oak.example', '/'),
      await response('alice.oak.example', '/about'),
      await response('alice.oak.example', '/%2e%2e/x'),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([404, 301, 400]);
    for (const answer of answers) {
      const sent = Object.fromEntries(
        Object.keys(SITE_HEADERS).map((name) => [name, answer.headers?.[name]?.value]),
      );
      expect(sent).toEqual(SITE_HEADERS);
    }
  });
});
