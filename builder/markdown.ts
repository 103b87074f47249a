/**
 * Markdown as neighbors write it, turned into HTML that is safe to put in a
 * page or a feed. Raw HTML is shown as text, never interpreted; links and
 * images may only use http, https, mailto or a relative address; an image
 * without alt text gets `alt=""` (decorative), and the editor warns about
 * it separately with `imagesWithoutAlt`. Headings start at level 2 because
 * the page's title is its only `h1`.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { relativeUrl } from './links';

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
md.validateLink = isSafeUrl;

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
  rewriteAttr(tokens[idx]!, 'href', env as MarkdownPlace);
  return linkOpen(tokens, idx, options, env, self);
};

const image = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  rewriteAttr(token, 'src', env as MarkdownPlace);
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
