/**
 * Markdown as neighbors write it, turned into HTML that is safe to put in a
 * page or a feed. Raw HTML is shown as text, never interpreted; links and
 * images may only use http, https, mailto or a relative address; an image
 * without alt text gets `alt=""` (decorative), and the editor warns about
 * it separately with `imagesWithoutAlt`. Headings start at level 2 because
 * the page's title is its only `h1`.
 *
 * An image whose address is one of the site's own pictures,
 * `![A ripe Sungold](picture:sungold)`, becomes that picture's responsive
 * markup (`picture-markup.ts`), its alt text the writer's or else the
 * picture's description. A `picture:` reference the site has no picture for
 * becomes its alt text, as plain words: never a broken image. `picture:` is
 * accepted nowhere else: a link to one is left without an address.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { PICTURES_DIR, pictureIdOf } from '../core/pictures';
import { relativeUrl } from './links';
import { escapeHtml, feedPictureHtml, pictureHtml, type SitePictures } from './picture-markup';

/** Where the HTML will be shown, which decides how links to the site itself are written. */
export interface MarkdownPlace {
  /**
   * The URL path of the page showing it: links written from the site's root
   * (`/about/`) are made relative to this page, so they work under any prefix.
   */
  pageUrl?: string;
  /**
   * An absolute address every relative link is resolved against, for HTML
   * that leaves the site (feeds).
   */
  base?: string;
  /** HTML for a feed: the site's pictures as plain `<img>`s (with `base` set). */
  feed?: boolean;
  /** The site's pictures, for `picture:<id>` images; without it every such reference is unknown. */
  pictures?: SitePictures;
  /**
   * The page's lazy rule, asked once per picture in document order: true
   * to load that one lazily. Without it every picture is lazy.
   */
  lazy?: () => boolean;
}

const allowedSchemes = new Set(['http', 'https', 'mailto']);

/**
 * Whether a link or image address may be used: http, https and mailto, or
 * relative. Browsers ignore tabs, newlines and control characters inside a
 * scheme, so those are removed before looking at it.
 */
export function isSafeUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const firstSegment = compact.split(/[/?#]/, 1)[0] ?? '';
  const colon = firstSegment.indexOf(':');
  if (colon === -1) return true;
  return allowedSchemes.has(firstSegment.slice(0, colon));
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
// A `picture:` reference gets through here, to be resolved as an image or dropped from a link.
md.validateLink = (url) => isSafeUrl(url) || pictureIdOf(url) !== undefined;

/** A link to the site itself written from its root: `/about/`, not `//host/`. */
const isRootPath = (url: string) => url.startsWith('/') && !url.startsWith('//');
const hasScheme = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url);

/** The address as it should appear in this place. */
function placeUrl(url: string, place: MarkdownPlace): string {
  if (place.base) {
    if (hasScheme(url)) return url;
    try {
      return new URL(url, place.base).href;
    } catch {
      return url;
    }
  }
  if (place.pageUrl && isRootPath(url)) return relativeUrl(place.pageUrl, url);
  return url;
}

/** The way from this place to the site's pictures folder, ending in a slash. */
export const picturesBase = (place: MarkdownPlace) => placeUrl(`/${PICTURES_DIR}/`, place);

function rewriteAttr(token: Token, name: string, place: MarkdownPlace): void {
  const value = token.attrGet(name);
  if (value !== null) token.attrSet(name, placeUrl(value, place));
}

const defaultRender: NonNullable<typeof md.renderer.rules.link_open> = (
  tokens,
  idx,
  options,
  _env,
  self,
) => self.renderToken(tokens, idx, options);

const linkOpen = md.renderer.rules.link_open ?? defaultRender;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = token.attrGet('href');
  if (href !== null && !isSafeUrl(href)) {
    // Only a `picture:` reference passes `validateLink` unsafe: it names no page.
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'href');
    return linkOpen(tokens, idx, options, env, self);
  }
  rewriteAttr(token, 'href', env as MarkdownPlace);
  return linkOpen(tokens, idx, options, env, self);
};

const image = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const place = env as MarkdownPlace;
  const id = pictureIdOf(token.attrGet('src') ?? '');
  if (id !== undefined) {
    const written = self.renderInlineAsText(token.children ?? [], options, env).trim();
    const picture = place.pictures?.get(id);
    if (!picture) return escapeHtml(written);
    const alt = written || picture.description;
    if (place.feed) return feedPictureHtml(picture, alt, picturesBase(place));
    return pictureHtml(picture, {
      alt,
      base: picturesBase(place),
      lazy: place.lazy ? place.lazy() : true,
      title: token.attrGet('title') ?? undefined,
    });
  }
  rewriteAttr(token, 'src', place);
  token.attrSet('loading', 'lazy');
  return image(tokens, idx, options, env, self);
};

/**
 * The page's own title is its one `<h1>`, so a text's headings start at
 * `<h2>`: `#` and `##` both make an `<h2>` (the help suggests `##`, as most
 * Markdown guides do), `###` an `<h3>` and so on. Shifting every level down
 * one instead would turn the usual `##` into an `<h3>` straight under the
 * `<h1>`, skipping a level.
 */
const shiftHeading = (tokens: Token[], idx: number) => {
  const token = tokens[idx]!;
  const level = Math.max(2, Number(token.tag.slice(1)));
  token.tag = `h${level}`;
};
md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  shiftHeading(tokens, idx);
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_close = md.renderer.rules.heading_open;

/** Markdown as safe HTML for the given place (see `MarkdownPlace`). */
export function renderMarkdown(source: string, place: MarkdownPlace = {}): string {
  return md.render(source, { ...place });
}

/** Every token, inline children included, in document order. */
function* allTokens(tokens: Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    if (token.children) yield* allTokens(token.children);
  }
}

/** The addresses of images written without alt text, for the editor's warning. */
export function imagesWithoutAlt(source: string): string[] {
  const found: string[] = [];
  for (const token of allTokens(md.parse(source, {}))) {
    if (token.type === 'image' && token.content.trim() === '') {
      found.push(token.attrGet('src') ?? '');
    }
  }
  return found;
}

/**
 * The words of a Markdown text without its markup, cut at a word boundary
 * to at most `max` characters (with an ellipsis), for meta descriptions.
 */
export function plainText(source: string, max: number): string {
  const words: string[] = [];
  for (const token of allTokens(md.parse(source, {}))) {
    if (token.type === 'text' || token.type === 'code_inline') words.push(token.content);
    else if (token.type === 'softbreak' || (token.block && token.nesting === -1)) words.push(' ');
  }
  const text = words.join('').replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
