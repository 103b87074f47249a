/**
 * The HTML a site's own picture (`picture:<id>`) becomes. On a page: a
 * `<picture>` offering every width made in WebP, then the fallback format
 * (JPEG, or PNG for transparency) in an `<img>` whose `src` is the width
 * nearest 960 px for browsers without `srcset`. `width` and `height` are the
 * largest file's, so the browser reserves the right shape before anything
 * arrives (the stylesheet's `img { max-width: 100%; height: auto }` scales it
 * down). `decoding="async"` always; `loading="lazy"` for every picture but
 * the first of a page, which is likely above the fold (see `eagerFirst`).
 * In a feed: one plain `<img>` at an absolute address, since feed readers
 * do not read `<picture>`.
 *
 * File addresses are `base` + the file's name, `base` being the way from
 * the page to the site's `/_pictures/` folder (relative on pages, so the
 * preview at `/sites/alice/preview/` and the live site both work; absolute
 * in feeds).
 */
import { heightAt, pictureFileName, pictureSrcset, type ProcessedPicture } from '../core/pictures';
import type { Picture } from '../core/records/pictures';

/** What rendering needs of a site's picture. */
export type RenderPicture = Pick<
  Picture,
  'id' | 'description' | 'key' | 'width' | 'height' | 'widths' | 'fallback'
>;

/** A site's pictures by id. */
export type SitePictures = ReadonlyMap<string, RenderPicture>;

/**
 * How wide a picture is shown, for `sizes`: the content column is the
 * stylesheet's `.wrap` (44rem, less 1.25rem padding each side), the whole
 * screen less that padding below it; project cards are half of it.
 */
export const PICTURE_SIZES = {
  column: '(max-width: 44rem) calc(100vw - 2.5rem), 41.5rem',
  card: '(max-width: 34rem) calc(100vw - 2.5rem), 20.25rem',
} as const;

/** The width served to browsers without `srcset`, and in feeds: the largest up to 960. */
export function fallbackWidth(p: Pick<ProcessedPicture, 'widths'>): number {
  return p.widths.filter((w) => w <= 960).at(-1) ?? p.widths[0]!;
}

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export interface PictureOptions {
  /** The `alt` text: the writer's, else the picture's description. */
  alt: string;
  /** The way to the site's `/_pictures/` folder, ending in a slash. */
  base: string;
  lazy: boolean;
  sizes?: string;
  title?: string;
}

/** The `<picture>` for `p` on a page. */
export function pictureHtml(p: RenderPicture, o: PictureOptions): string {
  const largest = p.widths.at(-1)!;
  const sizes = escapeHtml(o.sizes ?? PICTURE_SIZES.column);
  const base = escapeHtml(o.base);
  const attrs = [
    `src="${base}${pictureFileName(p.key, fallbackWidth(p), p.fallback)}"`,
    `srcset="${pictureSrcset(p, p.fallback, base)}"`,
    `sizes="${sizes}"`,
    `width="${largest}"`,
    `height="${heightAt(p, largest)}"`,
    `alt="${escapeHtml(o.alt)}"`,
    ...(o.title ? [`title="${escapeHtml(o.title)}"`] : []),
    ...(o.lazy ? ['loading="lazy"'] : []),
    'decoding="async"',
  ];
  return (
    `<picture><source type="image/webp" srcset="${pictureSrcset(p, 'webp', base)}" sizes="${sizes}">` +
    `<img ${attrs.join(' ')}></picture>`
  );
}

/** The plain `<img>` for `p` in a feed; `base` is absolute. */
export function feedPictureHtml(p: RenderPicture, alt: string, base: string): string {
  const width = fallbackWidth(p);
  return (
    `<img src="${escapeHtml(base)}${pictureFileName(p.key, width, p.fallback)}" ` +
    `width="${width}" height="${heightAt(p, width)}" alt="${escapeHtml(alt)}">`
  );
}

/**
 * The lazy rule for one page: true ("load it lazily") for every picture
 * after the first asked about. Each page gets its own, so the first picture
 * of every page, in document order, is fetched at once.
 */
export function eagerFirst(): () => boolean {
  let seen = false;
  return () => {
    const lazy = seen;
    seen = true;
    return lazy;
  };
}
