/**
 * The sites' routing: the CloudFront Function (cloudfront-js-2.0, viewer
 * request) in front of the sites bucket, and, run in a sandbox, the local
 * site host's too. It turns `alice.oak.example/posts/hello/` into the key of
 * that file in alice's live deploy, `/sites/alice/<deployId>/posts/hello/index.html`,
 * so each deploy has cache keys of its own and publishing needs no
 * invalidation (the default cache key has no Host header: the name must be
 * in the URI).
 *
 * CloudFront Functions have no environment, so the sites' domain and the
 * reserved names are written into the bundle when it is built
 * (`scripts/build-site-function.mjs`), not read from the store: one store
 * lookup per request, not two, and a store holding only site names.
 * Reserved names come as a string, not the core's `Set`, which the runtime
 * is not documented to have.
 *
 * Paths: the viewer's path is percent-decoded segment by segment and
 * encoded again canonically, so `/tags/caf%C3%A9/` and `/tags/café/` both
 * reach the S3 key `…/tags/café/index.html` (the builder uploads each
 * rendered path as it is, and S3 decodes the URI into the key). A segment
 * that decodes to `.`, `..` or holds a slash or backslash is refused.
 *
 * Pictures: `/_pictures/<file>` is one of the site's processed pictures,
 * kept beside its deploys at `/sites/<name>/_pictures/<file>` (every deploy
 * shares them; they never change, and their objects carry a year-long,
 * immutable Cache-Control). Only names `pictureFileName` makes are served
 * there; anything else below `/_pictures` is not found. A site that is not
 * live serves no pictures either.
 */
import cf from 'cloudfront';
import { deployPrefix, parseLivePointer } from '../core/live-pointer';
import { PICTURE_FILE_PATTERN, PICTURES_DIR, processedPictureKey } from '../core/pictures';
import { siteNameFromHost } from '../core/site-address';
import { SITE_HEADERS } from '../core/site-headers';
import type {
  CloudFrontRequest,
  CloudFrontResponse,
  FieldValue,
  ViewerRequestEvent,
} from './event';
import { NOT_FOUND_PAGE } from './not-found-page';

declare const __SITES_HOST__: string;
/** Every reserved name, each between spaces: ` www api … `. */
declare const __RESERVED_NAMES__: string;

const BAD_ADDRESS_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Bad address</title>' +
  '<p>This address cannot name a page. Check it for stray dots or slashes.</p></html>';

/**
 * The sites' security headers on the function's own answers too: the distribution's
 * response-headers policy is documented for answers from the cache and the origin, and these
 * pages should never depend on that.
 */
function withSiteHeaders(headers: Record<string, FieldValue>): Record<string, FieldValue> {
  for (const name of Object.keys(SITE_HEADERS)) headers[name] = { value: SITE_HEADERS[name]! };
  return headers;
}

function page(statusCode: number, statusDescription: string, data: string): CloudFrontResponse {
  return {
    statusCode,
    statusDescription,
    headers: withSiteHeaders({
      'content-type': { value: 'text/html; charset=utf-8' },
      'cache-control': { value: 'no-store' },
    }),
    body: { encoding: 'text', data },
  };
}

/** The neighborhood's friendly answer for an address no published site has. */
const notFound = () => page(404, 'Not Found', NOT_FOUND_PAGE);

function redirect(location: string): CloudFrontResponse {
  return {
    statusCode: 301,
    statusDescription: 'Moved Permanently',
    headers: withSiteHeaders({
      location: { value: location },
      'cache-control': { value: 'max-age=3600' },
    }),
  };
}

/** The query string as the viewer sent it, `?a=1&b=2`, or nothing. */
function queryString(request: CloudFrontRequest): string {
  const parts: string[] = [];
  for (const key of Object.keys(request.querystring)) {
    const field = request.querystring[key]!;
    const values = field.multiValue ? field.multiValue.map((v) => v.value) : [field.value];
    for (const value of values) parts.push(value === '' ? key : `${key}=${value}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The site path's segments, decoded, or undefined for a path no file can have. */
function segments(uri: string): string[] | undefined {
  if (uri.charAt(0) !== '/') return undefined;
  const raws = uri.slice(1).split('/');
  const decoded: string[] = [];
  for (let i = 0; i < raws.length; i++) {
    let segment: string;
    try {
      segment = decodeURIComponent(raws[i]!);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    // An empty folder name (`//evil.example`) would also make the redirect leave the site.
    if (segment === '' && i < raws.length - 1) return undefined;
    decoded.push(segment);
  }
  return decoded;
}

async function liveDeploy(name: string): Promise<string | undefined> {
  let value: string;
  try {
    value = await cf.kvs().get(name, { format: 'string' });
  } catch {
    return undefined; // No key: never published, unpublished or taken offline.
  }
  return parseLivePointer(value);
}

export async function handler(
  event: ViewerRequestEvent,
): Promise<CloudFrontRequest | CloudFrontResponse> {
  const request = event.request;
  const host = request.headers.host ? request.headers.host.value : '';
  const name = siteNameFromHost(host, __SITES_HOST__);
  if (!name || __RESERVED_NAMES__.indexOf(` ${name} `) !== -1) return notFound();
  const deploy = await liveDeploy(name);
  if (!deploy) return notFound();
  const path = segments(request.uri);
  if (!path) return page(400, 'Bad Request', BAD_ADDRESS_PAGE);
  if (path[0] === PICTURES_DIR) {
    if (path.length !== 2 || !PICTURE_FILE_PATTERN.test(path[1]!)) return notFound();
    request.uri = `/${processedPictureKey(name, path[1]!)}`;
    return request;
  }
  const last = path[path.length - 1]!;
  const isWellKnown = path.length === 2 && path[0] === '.well-known';
  // Templates write every page as a folder: `/about` is `/about/` (their relative links need the slash).
  if (last !== '' && last.indexOf('.') === -1 && !isWellKnown) {
    return redirect(`${request.uri}/${queryString(request)}`);
  }
  const file = path.map(encodeURIComponent).join('/');
  request.uri = `/${deployPrefix(name, deploy)}${last === '' ? `${file}index.html` : file}`;
  return request;
}
