/**
 * The Nunjucks filters the templates use to write links and Markdown. Each
 * reads the page being rendered (`this.page.url`, which Eleventy provides)
 * so links to the site itself come out relative to that page. A page whose
 * data sets `absoluteLinks` (the 404 page, served at any depth) gets
 * absolute links instead.
 *
 * The site's own pictures are shown through `markdown` and `picture`; the
 * first picture of each page (in the order the page is written) loads at
 * once, every later one lazily, so each page keeps its own lazy rule.
 */
import { pictureFileName, pictureIdOf } from '../core/pictures';
import { absoluteUrl, encodePath, relativeUrl } from './links';
import { picturesBase, renderMarkdown, type MarkdownPlace } from './markdown';
import {
  eagerFirst,
  escapeHtml,
  fallbackWidth,
  PICTURE_SIZES,
  pictureHtml,
  type SitePictures,
} from './picture-markup';

/** What Eleventy binds `this` to inside a filter. */
interface FilterThis {
  page?: { url?: string | false };
  ctx?: { absoluteLinks?: boolean };
}

type Filter = (this: FilterThis, ...args: never[]) => unknown;

/** The filters for one site, whose public address is `siteUrl`, holding `pictures`. */
export function siteFilters(
  siteUrl: string,
  pictures: SitePictures = new Map(),
): Record<string, Filter> {
  const abs = (path: string) => absoluteUrl(siteUrl, encodePath(path));
  const pageUrl = (self: FilterThis) => (typeof self.page?.url === 'string' ? self.page.url : '/');
  const lazyRules = new Map<string, () => boolean>();
  const lazyFor = (url: string) => {
    if (!lazyRules.has(url)) lazyRules.set(url, eagerFirst());
    return lazyRules.get(url)!;
  };
  /** Where HTML for this page goes: relative to it, or absolute on a page served at any depth. */
  const pagePlace = (self: FilterThis): MarkdownPlace => ({
    ...(self.ctx?.absoluteLinks ? { base: `${siteUrl}/` } : { pageUrl: pageUrl(self) }),
    pictures,
    lazy: lazyFor(pageUrl(self)),
  });

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
      return renderMarkdown(source, pagePlace(this));
    },
    /**
     * A project's picture (`picture:<id>` or a web address) as HTML, shown
     * `size` wide (`column` or `card`); output it with `| safe`. A picture
     * the site no longer has shows nothing.
     */
    picture(this: FilterThis, ref: string, alt: string, size: keyof typeof PICTURE_SIZES) {
      const id = pictureIdOf(ref);
      const place = pagePlace(this);
      if (id === undefined) {
        // A picture elsewhere, shown as it always was; it still counts as the page's first.
        place.lazy!();
        const loading = size === 'card' ? ' loading="lazy"' : '';
        return `<img src="${escapeHtml(ref)}" alt="${escapeHtml(alt)}"${loading}>`;
      }
      const found = pictures.get(id);
      if (!found) return '';
      return pictureHtml(found, {
        alt: alt || found.description,
        base: picturesBase(place),
        lazy: place.lazy!(),
        sizes: PICTURE_SIZES[size],
      });
    },
    /** The absolute address of a project's picture, for `og:image`; empty for an unknown one. */
    pictureAbs(this: FilterThis, ref: string) {
      const id = pictureIdOf(ref);
      if (id === undefined) return ref;
      const found = pictures.get(id);
      if (!found) return '';
      return abs(`/_pictures/${pictureFileName(found.key, fallbackWidth(found), found.fallback)}`);
    },
    /** Eleventy's collection items sorted by URL, for a stable sitemap. */
    byUrl(items: { url: string }[]) {
      return [...items].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    },
    /** Markdown as HTML for a feed entry at site path `url`: every link absolute. */
    feedMarkdown(this: FilterThis, source: string, url: string) {
      return renderMarkdown(source, { base: abs(url), feed: true, pictures });
    },
    /** A long entry's excerpt as HTML for a feed, with a link to the whole text at `url`. */
    feedExcerpt(this: FilterThis, excerpt: string, url: string) {
      return `<p>${escapeHtml(excerpt)}</p>\n<p><a href="${escapeHtml(abs(url))}">Read the rest on the site</a></p>\n`;
    },
  };
}
