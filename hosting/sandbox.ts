/**
 * Runs the built viewer-request function the way CloudFront does, so the
 * local site host and the tests exercise the very source that is deployed:
 * a fresh `node:vm` context holding only the language's own globals (no
 * timers, no network, no `require`, no `process`, no `eval`), with the one
 * import the runtime allows, `import cf from 'cloudfront'`, bound to a
 * stand-in whose `kvs()` reads the given store. The stand-in has the real
 * API's shape and nothing more: `get(key, { format })` and `exists(key)`,
 * async, and `get` throws for a missing key as CloudFront's does.
 */
import { performance } from 'node:perf_hooks';
import { createContext, Script } from 'node:vm';
import type { CloudFrontRequest, CloudFrontResponse, ViewerRequestEvent } from './event';

/** The key-value store the function reads live pointers from (the KVS, or its local stand-in). */
export interface LiveStore {
  /** The value under `key`, or undefined when there is none. */
  get(key: string): Promise<string | undefined>;
}

type Handler = (event: ViewerRequestEvent) => Promise<CloudFrontRequest | CloudFrontResponse>;

const IMPORT = /^import cf from\s*"cloudfront";/;

/** The stand-in for CloudFront's `cloudfront` module. */
function cloudfrontModule(store: LiveStore) {
  const handle = Object.freeze({
    async get(key: string, options?: { format?: string }) {
      const format = options?.format ?? 'string';
      if (format !== 'string' && format !== 'json') {
        throw new Error(`The site function asked for format ${format}, which it never needs.`);
      }
      const value = await store.get(key);
      if (value === undefined) throw new Error(`Key not found: ${key}`);
      return format === 'json' ? JSON.parse(value) : value;
    },
    async exists(key: string) {
      return (await store.get(key)) !== undefined;
    },
  });
  return Object.freeze({ kvs: () => handle });
}

export interface SiteFunction {
  /** The handler's answer for `event`: the rewritten request, or a response. */
  handle(event: ViewerRequestEvent): Promise<CloudFrontRequest | CloudFrontResponse>;
  /** The same, with how long the call took in milliseconds (store lookups included). */
  timed(
    event: ViewerRequestEvent,
  ): Promise<{ result: CloudFrontRequest | CloudFrontResponse; ms: number }>;
}

/** Loads the function's built `source` into a sandbox reading `store`. */
export function loadSiteFunction(source: string, store: LiveStore): SiteFunction {
  if (!IMPORT.test(source))
    throw new Error('The site function must begin by importing cloudfront.');
  const body = source.replace(IMPORT, '');
  if (/\bimport\s*[("'{*\w]|\brequire\s*\(/.test(body)) {
    throw new Error('The site function may import nothing but cloudfront.');
  }
  const context = createContext(Object.create(null), {
    codeGeneration: { strings: false, wasm: false },
  });
  const wrapped = `(function (cf) {\n${body}\nreturn handler;\n})`;
  const factory = new Script(wrapped, { filename: 'viewer-request.js' }).runInContext(context) as (
    cf: unknown,
  ) => Handler;
  const handler = factory(cloudfrontModule(store));
  if (typeof handler !== 'function') throw new Error('The site function defines no handler.');
  return {
    handle: (event) => handler(event),
    async timed(event) {
      const start = performance.now();
      const result = await handler(event);
      return { result, ms: performance.now() - start };
    },
  };
}
