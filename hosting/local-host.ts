/**
 * The local site host: serves `http://<name>.localhost:PORT` the way
 * CloudFront serves `<name>.<domain>`. Each request becomes a viewer-request
 * event, runs through the built CloudFront Function in its sandbox against
 * the live-pointer store, and the rewritten URI is read from the origin (the
 * sites bucket, or anything with its shape); a response the function made
 * itself (the friendly not-found, a redirect) passes through as it is.
 *
 * A missing file of a published site answers 404 with that deploy's own
 * `404.html`, never an S3 error. Production cannot do exactly the same
 * without Lambda@Edge: S3 behind Origin Access Control answers 403 for a
 * missing key (404 only if the distribution may `s3:ListBucket`), CloudFront
 * Functions cannot run on the origin's response, and custom error responses
 * are one per distribution, not per site. The trade-off chosen there: grant
 * `s3:ListBucket` so a missing key is a 404, and make the distribution's 404
 * error response the neighborhood's not-found page with status 404, so a
 * visitor gets a friendly page and the right status, but the neighborhood's
 * page rather than the site's own. A per-site 404 in production would take
 * an origin-response Lambda@Edge (more cost, regional logs, slower deploys);
 * it is not worth it for a page visitors rarely see.
 *
 * A site's pictures (`/_pictures/<file>`, which the function maps beside
 * its deploys) are served with the Cache-Control their objects carry, a
 * year and immutable, as CloudFront passes it on.
 *
 * Every answer carries the sites' security headers (`core/site-headers.ts`), as the
 * distribution's response-headers policy adds them. Only GET and HEAD are served, as the
 * distribution allows. Binds 127.0.0.1.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SITE_HEADERS } from '../core/site-headers';
import { isResponse, type FieldValue, type ViewerRequestEvent } from './event';
import { loadSiteFunction, type LiveStore } from './sandbox';

/** One stored file of a deploy. */
export interface OriginFile {
  body: Uint8Array;
  contentType: string;
  cacheControl?: string;
}

/** The sites bucket, or a stand-in: the file under `key` (`sites/alice/<id>/index.html`), if any. */
export interface SiteOrigin {
  get(key: string): Promise<OriginFile | undefined>;
}

export interface LocalSiteHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

let requestCount = 0;

/**
 * The request target split into the site it names and the rest, as sent.
 * A client told to use the host as its HTTP proxy (lynx with `http_proxy`,
 * since nothing resolves `<name>.localhost` for it) sends the absolute
 * form, `GET http://alice.localhost:8788/posts/ HTTP/1.0`; then the
 * target's authority is the host, whatever the `Host` header says (RFC 9112,
 * 3.2.2), as CloudFront would see it from a browser.
 */
function splitTarget(target: string): { authority?: string; rest: string } {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(target);
  if (!absolute) return { rest: target };
  const rest = target.slice(absolute[0].length);
  return { authority: absolute[1], rest: rest.startsWith('/') ? rest : `/${rest}` };
}

/** The viewer-request event CloudFront would give the function for `req`. */
export function viewerRequestEvent(req: IncomingMessage): ViewerRequestEvent {
  // The path and query as the viewer sent them: a URL parser would resolve `..` and `%2e%2e`
  // before the function could refuse them, and decode what CloudFront hands over encoded.
  const { authority, rest: target } = splitTarget(req.url ?? '/');
  const at = target.indexOf('?');
  const path = at === -1 ? target : target.slice(0, at);
  const query = at === -1 ? '' : target.slice(at + 1);
  const querystring: Record<string, FieldValue> = {};
  for (const pair of query.split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    const field = querystring[key];
    if (!field) querystring[key] = { value };
    else field.multiValue = [...(field.multiValue ?? [{ value: field.value }]), { value }];
  }
  const headers: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'cookie' || value === undefined) continue;
    headers[name] = { value: Array.isArray(value) ? value.join(',') : value };
  }
  if (authority !== undefined) headers.host = { value: authority };
  return {
    version: '1.0',
    context: {
      eventType: 'viewer-request',
      distributionDomainName: 'localhost',
      requestId: `local-${++requestCount}`,
    },
    viewer: { ip: req.socket.remoteAddress ?? '127.0.0.1' },
    request: { method: req.method ?? 'GET', uri: path, querystring, headers, cookies: {} },
  };
}

/** The origin key a rewritten URI names: `/sites/a/b/caf%C3%A9` is `sites/a/b/café`. */
function originKey(uri: string): string | undefined {
  try {
    return uri.slice(1).split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

function send(
  res: ServerResponse,
  method: string,
  status: number,
  headers: Record<string, string>,
  body: Uint8Array | string,
) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  // The distribution's response-headers policy, which overrides whatever the origin sent.
  res.writeHead(status, {
    ...headers,
    ...SITE_HEADERS,
    'content-length': String(bytes.byteLength),
  });
  res.end(method === 'HEAD' ? undefined : bytes);
}

const fileHeaders = (file: OriginFile) => ({
  'content-type': file.contentType,
  'cache-control': file.cacheControl ?? 'no-cache',
});

const plain = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

/** Starts the host on 127.0.0.1:`port` (0 for any free port) running the function `source`. */
export async function startLocalSiteHost(options: {
  source: string;
  store: LiveStore;
  origin: SiteOrigin;
  port?: number;
}): Promise<LocalSiteHost> {
  const site = loadSiteFunction(options.source, options.store);

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      return send(res, method, 405, { ...plain, allow: 'GET, HEAD' }, 'Method not allowed\n');
    }
    const result = await site.handle(viewerRequestEvent(req));
    if (isResponse(result)) {
      const headers: Record<string, string> = {};
      for (const [name, field] of Object.entries(result.headers ?? {})) headers[name] = field.value;
      return send(res, method, result.statusCode, headers, result.body?.data ?? '');
    }
    const key = originKey(result.uri);
    const file = key === undefined ? undefined : await options.origin.get(key);
    if (file) return send(res, method, 200, fileHeaders(file), file.body);
    // A missing picture is beside the deploys, not in one: it has no site's 404 page.
    const deploy = /^(sites\/[^/]+\/(?!_pictures\/)[^/]+\/)/.exec(key ?? '')?.[1];
    const notFound = deploy ? await options.origin.get(`${deploy}404.html`) : undefined;
    if (notFound) return send(res, method, 404, fileHeaders(notFound), notFound.body);
    return send(res, method, 404, plain, 'Not found\n');
  }

  const server: Server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      console.error('site host failed', error);
      if (!res.headersSent) send(res, req.method ?? 'GET', 502, plain, 'The site host failed.\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
