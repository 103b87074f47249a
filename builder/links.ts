/**
 * How pages link to each other. Inside HTML pages every link to the site
 * itself is relative to the page (`../../archive/`), so the same bytes work
 * at the site's root and under a preview prefix such as
 * `/sites/alice/preview/`. Absolute addresses, built from the site's public
 * URL, are kept for the few places that need them: feeds, the sitemap, the
 * canonical link and Open Graph tags.
 */

/**
 * A site path (`/tags/café/`) as it goes into an href: percent-encoded,
 * keeping the characters that structure a URL.
 */
export function encodePath(path: string): string {
  return encodeURI(path);
}

/**
 * The link from the page at `fromPage` (a URL path such as `/posts/hello/`
 * or `/404.html`) to the site path `to` (`/`, `/archive/`, `/feed.xml`),
 * relative to the page's folder: from `/posts/hello/`, `/` is `../../`.
 */
export function relativeUrl(fromPage: string, to: string): string {
  const folder = fromPage.slice(0, fromPage.lastIndexOf('/') + 1);
  const depth = folder.split('/').filter(Boolean).length;
  const target = to.startsWith('/') ? to.slice(1) : to;
  const link = '../'.repeat(depth) + target;
  // An empty href would mean "this page"; the site's root must be explicit.
  return link === '' || link.startsWith('#') || link.startsWith('?') ? `./${link}` : link;
}

/** The absolute address of a site path, e.g. `https://alice.oak.example/posts/hello/`. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return siteUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
