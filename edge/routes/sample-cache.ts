/**
 * Keeps the public template samples from making the builder run without
 * limit. A sample's bytes depend only on the code that renders them (and
 * on the neighborhood's name in its footer, which may show an old name for
 * up to an hour after a rename), so each file the builder renders is kept
 * in the Workers cache (`caches.default`, one per data centre) under a key
 * naming this deploy of the Worker (`CF_VERSION_METADATA.id`, new on every
 * deploy): a new deploy never finds what older code rendered. Only the
 * builder's files are kept, its 404 page briefly; never a failure, a
 * redirect or anything with a cookie. What the cache cannot answer is
 * limited per visitor and for everyone before the builder is asked. On a
 * `*.workers.dev` address the Cache API keeps nothing, so there only the
 * limits hold.
 */
import type { AppContext, AppEnv } from '../context';
import { clientAddress } from '../client-address';
import { allow, limits, secondsUntilReset, type Limit } from '../db/rate-limit';
import { PageError } from '../errors';
import type { BackLink } from './builder-answers';

/** How long browsers and the cache keep a sample's file. */
export const SAMPLE_CACHE = 'public, max-age=3600';

/** How long they keep the sample's 404 page: any address makes one, so not for long. */
export const SAMPLE_NOT_FOUND_CACHE = 'public, max-age=300';

/** The cache key of the sample file at `path` (the whole path, from `/templates/`) for `deploy`. */
export const sampleCacheKey = (origin: string, deploy: string, path: string) =>
  `${origin}${path}?deploy=${encodeURIComponent(deploy)}`;

/** The key for `path` in this request's deploy, at the origin the cache belongs to. */
export const cacheKeyFor = <E extends AppEnv>(c: AppContext<E>, path: string) =>
  sampleCacheKey(new URL(c.req.url).origin, c.env.CF_VERSION_METADATA.id, path);

/** What the cache holds under `key`, as a response the app may still add headers to. */
export async function cachedSample(key: string): Promise<Response | undefined> {
  const hit = await caches.default.match(key);
  return hit && new Response(hit.body, hit);
}

/** Keeps `res` under `key` if it may be shared: a file or the 404 page, without a cookie. */
export async function keepSample(key: string, res: Response): Promise<void> {
  if (res.status !== 200 && res.status !== 404) return;
  if (res.headers.has('Set-Cookie')) return;
  try {
    await caches.default.put(key, res.clone());
  } catch (error) {
    // Without the cache the sample is still answered; the limits hold the builder back.
    console.error('sample cache put failed', error instanceof Error ? error.name : 'unknown');
  }
}

function busy<E extends AppEnv>(c: AppContext<E>, limit: Limit, why: string, back: BackLink) {
  const wait = secondsUntilReset(limit);
  c.header('Retry-After', String(wait));
  return new PageError(429, {
    title: 'Please wait a little',
    message: `${why} Please try again in ${wait <= 60 ? 'a minute' : `about ${Math.ceil(wait / 60)} minutes`}.`,
    action: back,
  });
}

/**
 * Counts one request that has to ask the builder, for its visitor and for
 * everyone; throws a friendly 429 when either has used up the minute. The
 * visitor is counted first, so one visitor's flood never uses up everyone's.
 */
export async function countSampleMiss<E extends AppEnv>(
  c: AppContext<E>,
  back: BackLink,
): Promise<void> {
  const db = c.get('db');
  const visitor = clientAddress(c.req.header('CF-Connecting-IP'));
  if (!(await allow(db, limits.sampleMisses, visitor))) {
    throw busy(c, limits.sampleMisses, 'You have opened many sample pages in a short time.', back);
  }
  if (!(await allow(db, limits.sampleMissesOverall, 'everyone'))) {
    throw busy(
      c,
      limits.sampleMissesOverall,
      'Many people are looking at the samples right now.',
      back,
    );
  }
}
