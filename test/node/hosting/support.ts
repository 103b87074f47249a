/**
 * What the site host's tests share: the function built as a deploy builds
 * it, a strict in-memory live-pointer store and origin, and viewer-request
 * events as CloudFront gives them.
 */
import { livePointerValue } from '../../../core/live-pointer';
import { isSiteName } from '../../../core/site-address';
import type { FieldValue, ViewerRequestEvent } from '../../../hosting/event';
import type { OriginFile, SiteOrigin } from '../../../hosting/local-host';
import type { LiveStore } from '../../../hosting/sandbox';
import { buildSiteFunction } from '../../../scripts/build-site-function.mjs';

export const SITES_HOST = 'oak.example';

let built: Promise<string> | undefined;
/** The function's bundle for `*.oak.example`, built once per test file. */
export const siteFunctionSource = () => (built ??= buildSiteFunction(SITES_HOST));

/**
 * A store holding live pointers by site name. Strict: the function must only
 * ever ask for a name-shaped key; anything else fails the test loudly
 * instead of reading as a missing key.
 */
export class MemoryStore implements LiveStore {
  readonly asked: string[] = [];
  private readonly values = new Map<string, string>();

  publish(name: string, deployId: string): this {
    this.values.set(name, livePointerValue(deployId));
    return this;
  }

  set(name: string, raw: string): this {
    this.values.set(name, raw);
    return this;
  }

  async get(key: string): Promise<string | undefined> {
    if (!isSiteName(key))
      throw new Error(`The function asked the store for ${JSON.stringify(key)}`);
    this.asked.push(key);
    return this.values.get(key);
  }
}

/** An origin holding files by key. Strict: a key outside `sites/` is a routing bug, not a miss. */
export class MemoryOrigin implements SiteOrigin {
  readonly asked: string[] = [];
  private readonly files = new Map<string, OriginFile>();

  put(
    key: string,
    body: string,
    contentType = 'text/html; charset=utf-8',
    cacheControl = 'max-age=60',
  ): this {
    this.files.set(key, { body: new TextEncoder().encode(body), contentType, cacheControl });
    return this;
  }

  async get(key: string): Promise<OriginFile | undefined> {
    if (!/^sites\/[^/]+\/[^/]+\/./.test(key))
      throw new Error(`The host asked the origin for ${key}`);
    this.asked.push(key);
    return this.files.get(key);
  }
}

/** The viewer-request event for `uri` (with its raw query) at `host`. */
export function viewerRequest(
  host: string,
  uri: string,
  querystring: Record<string, FieldValue> = {},
): ViewerRequestEvent {
  return {
    version: '1.0',
    context: {
      eventType: 'viewer-request',
      distributionDomainName: 'd1.cloudfront.net',
      requestId: 'r1',
    },
    viewer: { ip: '192.0.2.1' },
    request: { method: 'GET', uri, querystring, headers: { host: { value: host } }, cookies: {} },
  };
}
