/**
 * The template samples are public, so nobody may make the builder run
 * without limit through them: a file the builder rendered once is answered
 * from the Workers cache until the next deploy, and what still reaches the
 * builder is limited per visitor and for everyone. The builder's
 * invocations are counted as the Worker sends them; the rate counters are
 * the real ones in the table.
 */
import { describe, expect, inject, it, vi } from 'vitest';
import { app } from '../../edge/app';
import { counterKey, limits, secondsUntilReset, type Limit } from '../../edge/db/rate-limit';
import { clientAddress } from '../../edge/client-address';
import { sampleCacheKey } from '../../edge/routes/sample-cache';
import { bindings, db, get, ORIGIN } from './support';

const deploy = bindings.CF_VERSION_METADATA.id;

const hex = () => Math.floor(Math.random() * 0x10000).toString(16);

/** A made-up visitor address in a network of its own, so tests never share a rate counter. */
const someone = () => `2001:db8:${hex()}:${hex()}::1`;

/** Fetches `path` as a visitor of this file's own, whose misses no other test file counts. */
const visitor = someone();
const visit = (path: string, ip = visitor) => get(path, { 'cf-connecting-ip': ip });

/** A sample path nobody has asked for yet (the sample's own 404 page). */
const unknownPath = () => `/templates/blog/sample/no-such-page-${crypto.randomUUID()}/`;

/** Forgets what this deploy cached for `path`, so the next request is a miss. */
const forget = (path: string) => caches.default.delete(sampleCacheKey(ORIGIN, deploy, path));

/** Runs `fn` and counts the builder invocations the Worker sent meanwhile. */
async function invocations<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const spy = vi.spyOn(globalThis, 'fetch');
  try {
    const result = await fn();
    const calls = spy.mock.calls.filter(([input]) =>
      (input instanceof Request ? input.url : String(input)).endsWith('/invocations'),
    );
    return [result, calls.length];
  } finally {
    spy.mockRestore();
  }
}

const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

/** Starts in a fresh window of `limit` if the current one is about to end, so counts stay put. */
async function freshWindow(limit: Limit, needSeconds: number) {
  const left = secondsUntilReset(limit);
  if (left < needSeconds) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
}

/** The app as a later deploy of the Worker runs it: the same bindings, a new version id. */
const nextDeploy = async (path: string, id: string, env = {}) =>
  await app.request(
    `${ORIGIN}${path}`,
    { headers: { 'cf-connecting-ip': visitor } },
    { ...bindings, CF_VERSION_METADATA: { id, tag: '', timestamp: '' }, ...env },
  );

describe('GET /templates/:id/sample/*, from the cache', () => {
  it('answers a second request for a file without asking the builder', async () => {
    const path = '/templates/blog/sample/';
    await forget(path);
    const [first, asked] = await invocations(() => visit(path));
    expect(first.status).toBe(200);
    expect(asked).toBe(1);
    const firstBytes = await bytes(first);
    const [second, askedAgain] = await invocations(() => visit(path));
    expect(askedAgain).toBe(0);
    expect(second.status).toBe(200);
    expect(await bytes(second)).toEqual(firstBytes);
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(second.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(second.headers.get('x-content-type-options')).toBe('nosniff');
    expect(second.headers.get('set-cookie')).toBeNull();
  });

  it('keeps each template and each path apart, and ignores the query', async () => {
    const paths = [
      '/templates/blog/sample/',
      '/templates/newsletter/sample/',
      '/templates/blog/sample/feed.xml',
    ];
    for (const path of paths) await forget(path);
    const answers: Uint8Array[] = [];
    for (const path of paths) {
      const [res, asked] = await invocations(() => visit(path));
      expect(res.status, path).toBe(200);
      expect(asked, path).toBe(1);
      answers.push(await bytes(res));
    }
    expect(answers[1]).not.toEqual(answers[0]);
    expect(answers[2]).not.toEqual(answers[0]);
    const [again, asked] = await invocations(() => visit(`${paths[0]}?any=thing`));
    expect(asked).toBe(0);
    expect(await bytes(again)).toEqual(answers[0]);
  });

  it('misses after a new deploy, so nothing rendered by older code is served', async () => {
    const path = '/templates/showcase/sample/';
    await (await visit(path)).arrayBuffer();
    const id = crypto.randomUUID();
    const [fresh, asked] = await invocations(() => nextDeploy(path, id));
    expect(fresh.status).toBe(200);
    expect(asked).toBe(1);
    await fresh.arrayBuffer();
    const [, askedAgain] = await invocations(() => nextDeploy(path, id));
    expect(askedAgain).toBe(0);
  });

  it('keeps the sample’s own 404 page briefly', async () => {
    const path = unknownPath();
    const [first, asked] = await invocations(() => visit(path));
    expect(first.status).toBe(404);
    expect(asked).toBe(1);
    const maxAge = Number(/max-age=(\d+)/.exec(first.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(300);
    await first.arrayBuffer();
    const [second, askedAgain] = await invocations(() => visit(path));
    expect(second.status).toBe(404);
    expect(askedAgain).toBe(0);
  });

  it('never keeps a failure: the next request asks the builder again', async () => {
    const path = '/templates/blog/sample/';
    const id = crypto.randomUUID();
    const down = await nextDeploy(path, id, { BUILDER_URL: inject('deadBuilderUrl') });
    expect(down.status).toBe(503);
    await down.arrayBuffer();
    const [res, asked] = await invocations(() => nextDeploy(path, id));
    expect(res.status).toBe(200);
    expect(asked).toBe(1);
  });
});

describe('GET /templates/:id/sample/*, what reaches the builder', () => {
  it('answers 429 after the per-visitor limit, with a friendly page, and asks the builder no more', async () => {
    const limit = limits.sampleMisses;
    await freshWindow(limit, 20);
    const ip = someone();
    const [, asked] = await invocations(async () => {
      for (let i = 0; i < limit.max; i++) {
        const res = await visit(unknownPath(), ip);
        expect(res.status).toBe(404);
        await res.arrayBuffer();
      }
    });
    expect(asked).toBe(limit.max);
    const [refused, askedAfter] = await invocations(() => visit(unknownPath(), ip));
    expect(askedAfter).toBe(0);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    const html = await refused.text();
    expect(html).toContain('Please wait a little');
    expect(html).toContain('href="/templates"');
    // What is cached still reaches them, and others still get through.
    await (await visit('/templates/blog/sample/')).arrayBuffer();
    const [cached, askedForCached] = await invocations(() => visit('/templates/blog/sample/', ip));
    expect(cached.status).toBe(200);
    expect(askedForCached).toBe(0);
    const other = await visit(unknownPath(), someone());
    expect(other.status).toBe(404);
  }, 60_000);

  it('answers 429 to everyone once the limit for all visitors is used up', async () => {
    const limit = limits.sampleMissesOverall;
    await freshWindow(limit, 5);
    const key = counterKey(limit, 'everyone');
    await db.put({ ...key, hits: limit.max, expiresAt: Math.floor(Date.now() / 1000) + 120 });
    try {
      const [refused, asked] = await invocations(() => visit(unknownPath(), someone()));
      expect(asked).toBe(0);
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain('Please wait a little');
    } finally {
      await db.delete(key);
    }
    const res = await visit(unknownPath(), someone());
    expect(res.status).toBe(404);
  }, 20_000);
});

describe('clientAddress', () => {
  it('counts an IPv6 visitor by their /64 network, which one household holds', () => {
    expect(clientAddress('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe(
      clientAddress('2001:db8:1:2::9'),
    );
    expect(clientAddress('2001:DB8:0001:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8:1:3::1')).not.toBe(clientAddress('2001:db8:1:2::1'));
    expect(clientAddress('::1')).toBe('0:0:0:0::/64');
  });

  it('counts IPv4 visitors by their address, and a request without one as one visitor', () => {
    expect(clientAddress('198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddress('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddress(undefined)).toBe(clientAddress(''));
  });
});
