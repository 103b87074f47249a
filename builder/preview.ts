/**
 * One file of a rendered site, picked by URL path the way a static host
 * serves it: `/` and `/posts/x/` are folders served by their `index.html`,
 * other paths name a file exactly, and anything else gets the site's own
 * 404 page with status 404. A folder asked for without its trailing slash
 * (`/posts/x`) is answered with a redirect to `/posts/x/`, as static hosts
 * do, because the templates' relative links only resolve from the folder.
 *
 * A file too large for a synchronous answer (`PREVIEW_FILE_LIMIT`) is
 * answered `too-large`, naming it, rather than failing at Lambda's door.
 *
 * Renders are kept in a small in-memory cache keyed by a hash of their
 * input, so clicking from page to page of a preview on a warm Lambda
 * renders once; any change to the site changes the input and so the key.
 */
import { createHash } from 'node:crypto';
import { PREVIEW_FILE_LIMIT, type PreviewResponse } from '../core/builder-protocol';
import { render, RenderInputError, type RenderedFile, type RenderInput } from './render';
import { RenderCache } from './render-cache';

type SiteFiles = ReadonlyMap<string, RenderedFile>;

/**
 * Renders kept: at most 8, and at most 64 MB of files in all, well inside a
 * 1 GB Lambda beside Eleventy itself. A 200-post blog is a few megabytes; a
 * site at its bounds (`core/site-limits.ts`) is some tens.
 */
export const CACHE_ENTRIES = 8;
export const CACHE_BYTES = 64 * 1024 * 1024;
const cache = new RenderCache<SiteFiles>(CACHE_ENTRIES, CACHE_BYTES);

/** JSON with object keys sorted, so equal inputs hash equally whatever order they were read in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The key a render is cached under. */
export function renderKey(input: RenderInput): string {
  return createHash('sha256').update(stableJson(input)).digest('base64url');
}

/** Every file of the site `input` describes, from the cache when it was rendered lately. */
export function renderSite(input: RenderInput): Promise<SiteFiles> {
  return cache.get(renderKey(input), async () => {
    const list = await render(input);
    return {
      value: new Map(list.map((f) => [f.path, f])),
      bytes: list.reduce((sum, f) => sum + f.body.byteLength, 0),
    };
  });
}

/** Forgets every cached render (for tests and benchmarks that measure a cold render). */
export function clearRenderCache(): void {
  cache.clear();
}

/** How many renders the cache keeps now, and the bytes of their files. */
export const renderCacheSize = () => cache.size();

/** The output path a URL path names, or undefined for a path no file can have. */
function filePath(urlPath: string): string | undefined {
  if (!urlPath.startsWith('/')) return undefined;
  let segments: string[];
  try {
    segments = urlPath.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (segments.some((s) => s === '.' || s === '..' || s.includes('/'))) return undefined;
  const path = segments.join('/');
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

function fileResponse(
  file: RenderedFile,
  status: 200 | 404,
  urlPath: string,
  limit: number,
): PreviewResponse {
  const bytes = file.body.byteLength;
  if (bytes > limit) return { kind: 'too-large', path: urlPath, bytes, limit };
  return {
    kind: 'file',
    status,
    contentType: file.contentType,
    body: Buffer.from(file.body.buffer, file.body.byteOffset, bytes).toString('base64'),
  };
}

/** The answer for `urlPath` among a rendered site's files; none bigger than `limit` bytes. */
export function pickFile(
  files: SiteFiles,
  urlPath: string,
  limit = PREVIEW_FILE_LIMIT,
): PreviewResponse {
  const path = filePath(urlPath);
  const file = path === undefined ? undefined : files.get(path);
  if (file) return fileResponse(file, 200, urlPath, limit);
  if (path !== undefined && !urlPath.endsWith('/') && files.has(`${path}/index.html`)) {
    return { kind: 'redirect', path: `${urlPath}/` };
  }
  const notFound = files.get('404.html');
  if (notFound) return fileResponse(notFound, 404, urlPath, limit);
  return {
    kind: 'file',
    status: 404,
    contentType: 'text/plain; charset=utf-8',
    body: Buffer.from('Not found\n').toString('base64'),
  };
}

/**
 * Renders `input` (or takes it from the cache) and answers for `urlPath`;
 * input that does not fit the template is answered with its problems.
 */
export async function previewFile(
  input: RenderInput,
  urlPath: string,
  limit = PREVIEW_FILE_LIMIT,
): Promise<PreviewResponse> {
  try {
    return pickFile(await renderSite(input), urlPath, limit);
  } catch (error) {
    if (error instanceof RenderInputError) return { kind: 'invalid', problems: error.problems };
    throw error;
  }
}
