/**
 * Rendered pages as the files a static host serves: a path without a
 * leading slash, the content type that path is served with, and the bytes.
 * Sorted by path, so the same site always gives the same list.
 */
/** One file of a rendered site. */
export interface RenderedFile {
  /** From the site's root, without a leading slash: `index.html`, `posts/hello/index.html`. */
  path: string;
  contentType: string;
  body: Uint8Array;
}

/** Content types by exact path, for the files whose name alone does not say. */
const byPath: Record<string, string> = {
  'feed.xml': 'application/rss+xml',
  'atom.xml': 'application/atom+xml',
  '.well-known/atproto-did': 'text/plain',
};

const byExtension: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  xml: 'application/xml',
  txt: 'text/plain; charset=utf-8',
  // What a site's own assets may be, once it has any.
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
};

/** The content type a file at `path` is served with. */
export function contentType(path: string): string {
  const known = byPath[path];
  if (known) return known;
  const extension = /\.([a-z0-9]+)$/.exec(path)?.[1] ?? '';
  return byExtension[extension] ?? 'application/octet-stream';
}

const encoder = new TextEncoder();
const byPathOrder = (a: RenderedFile, b: RenderedFile) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/** Rendered text by path, as sorted files with their content types. */
export function toFiles(rendered: readonly { path: string; content: string }[]): RenderedFile[] {
  return rendered
    .map(({ path, content }) => ({
      path,
      contentType: contentType(path),
      body: encoder.encode(content),
    }))
    .sort(byPathOrder);
}
