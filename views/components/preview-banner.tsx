/**
 * The slim strip across the top of a preview (or of a template's sample
 * site) saying what it is, and where it goes in the rendered page: right
 * after the page's skip link (or its opening `<body …>` tag), every other
 * byte left as the builder made it. It styles itself with a `style` attribute, because the page
 * around it is the member's own, with its own stylesheet. Its way back,
 * when there is one, says which window it opens in: the whole window for a
 * preview that fills it, a new one where the caller cannot tell.
 */
import type { Child } from 'hono/jsx';

const boxStyle =
  'display:block;margin:0;padding:6px 12px;background:#fff3bf;color:#1d2421;' +
  'border-bottom:1px solid #8a7a2e;font:14px/1.4 system-ui,sans-serif;text-align:center';
const linkStyle = 'color:#1d2421;text-decoration:underline;font-weight:600';

export interface BannerLink {
  href: string;
  label: string;
  target?: '_top' | '_blank';
}

export interface PreviewBannerProps {
  /** What this is, e.g. "Preview: not published." */
  children: Child;
  /** None inside the editor's own preview panel, where leaving would lose what is typed. */
  link?: BannerLink;
}

export function PreviewBanner({ children, link }: PreviewBannerProps) {
  return (
    <aside data-nbhd-preview aria-label="Preview" style={boxStyle}>
      {children}
      {link && ' '}
      {link && (
        <a href={link.href} target={link.target ?? '_top'} style={linkStyle}>
          {link.label}
        </a>
      )}
    </aside>
  );
}

const encoder = new TextEncoder();
const OPEN_BODY = encoder.encode('<body');

/** Where the opening `<body …>` tag ends (just past its `>`), or -1 when there is none. */
function afterBodyTag(html: Uint8Array): number {
  outer: for (let i = 0; i + OPEN_BODY.length < html.length; i++) {
    for (let j = 0; j < OPEN_BODY.length; j++) {
      // ASCII case-insensitively: `<BODY` is a body tag too.
      if ((html[i + j]! | 0x20) !== (OPEN_BODY[j]! | 0x20)) continue outer;
    }
    const next = html[i + OPEN_BODY.length]!;
    // `<bodyx>` is not a body tag; whitespace, `>` or `/` ends the name.
    if (next !== 0x3e && next !== 0x2f && next !== 0x20 && (next < 0x09 || next > 0x0d)) continue;
    let quote = 0;
    for (let k = i + OPEN_BODY.length; k < html.length; k++) {
      const byte = html[k]!;
      if (quote) {
        if (byte === quote) quote = 0;
      } else if (byte === 0x22 || byte === 0x27) quote = byte;
      else if (byte === 0x3e) return k + 1;
    }
    return -1;
  }
  return -1;
}

const SKIP_LINK = encoder.encode('<a class="skip"');
const CLOSE_LINK = encoder.encode('</a>');

/** Where `needle` first occurs in `html` at or after `from`, or -1. */
function indexOf(html: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= html.length; i++) {
    for (let j = 0; j < needle.length; j++) if (html[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Where the banner goes: just past the page's skip link when the page
 * opens with one (every template's does), so the skip link stays the first
 * thing a keyboard reaches; otherwise right after the body tag.
 */
function bannerPlace(html: Uint8Array): number {
  let at = Math.max(afterBodyTag(html), 0);
  while (at < html.length && (html[at] === 0x0a || html[at] === 0x0d || html[at] === 0x20)) at++;
  if (indexOf(html, SKIP_LINK, at) !== at) return Math.max(afterBodyTag(html), 0);
  const close = indexOf(html, CLOSE_LINK, at);
  return close === -1 ? Math.max(afterBodyTag(html), 0) : close + CLOSE_LINK.length;
}

/**
 * `html` with `banner` inserted after its skip link or its opening body tag
 * (at the very start if it has neither), byte for byte otherwise unchanged.
 * The banner is an `<aside>`, a landmark of its own.
 */
export function withBanner(html: Uint8Array, banner: string): Uint8Array<ArrayBuffer> {
  const at = bannerPlace(html);
  const inserted = encoder.encode(banner);
  const out = new Uint8Array(html.length + inserted.length);
  out.set(html.subarray(0, at), 0);
  out.set(inserted, at);
  out.set(html.subarray(at), at + inserted.length);
  return out;
}
