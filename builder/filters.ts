/**
 * The Nunjucks filters the templates use to write links and Markdown. Each
 * reads the page being rendered (`this.page.url`, which Eleventy provides)
 * so links to the site itself come out relative to that page. A page whose
 * data sets `absoluteLinks` (the 404 page, served at any depth) gets
 * absolute links instead.
 */
import { absoluteUrl, encodePath, relativeUrl } from './links';
import { renderMarkdown } from './markdown';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** What Eleventy binds `this` to inside a filter. */
interface FilterThis {
  page?: { url?: string | false };
  ctx?: { absoluteLinks?: boolean };
}

type Filter = (this: FilterThis, ...args: never[]) => unknown;

/** The filters for one site, whose public address is `siteUrl`. */
export function siteFilters(siteUrl: string): Record<string, Filter> {
  const abs = (path: string) => absoluteUrl(siteUrl, encodePath(path));
  const pageUrl = (self: FilterThis) => (typeof self.page?.url === 'string' ? self.page.url : '/');

  return {
    /** A link from this page to a site path (`/archive/`). */
    rel(this: FilterThis, path: string) {
      if (this.ctx?.absoluteLinks) return abs(path);
      return relativeUrl(pageUrl(this), encodePath(path));
    },
    /** The absolute address of a site path, for feeds, the sitemap and meta tags. */
    abs(this: FilterThis, path: string) {
      return abs(path);
    },
    /** Markdown as HTML for this page; output it with `| safe`, the only place that may. */
    markdown(this: FilterThis, source: string) {
      if (this.ctx?.absoluteLinks) return renderMarkdown(source, { base: `${siteUrl}/` });
      return renderMarkdown(source, { pageUrl: pageUrl(this) });
    },
    /** Eleventy's collection items sorted by URL, for a stable sitemap. */
    byUrl(items: { url: string }[]) {
      return [...items].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    },
    /** Markdown as HTML for a feed entry at site path `url`: every link absolute. */
    feedMarkdown(this: FilterThis, source: string, url: string) {
      return renderMarkdown(source, { base: abs(url) });
    },
    /** A long entry's excerpt as HTML for a feed, with a link to the whole text at `url`. */
    feedExcerpt(this: FilterThis, excerpt: string, url: string) {
      return `<p>${escapeHtml(excerpt)}</p>\n<p><a href="${escapeHtml(abs(url))}">Read the rest on the site</a></p>\n`;
    },
  };
}
