/**
 * Web addresses as neighbors type them. A bare domain such as
 * `shop.example.org` is what most people copy from a shop window or a card,
 * so it is taken to mean `https://shop.example.org` and saved that way; any
 * other scheme (`javascript:`, `data:`, `mailto:`) is left as typed, for
 * the schema to refuse. One rule for every link field: profiles, site
 * settings and items.
 */

/** A scheme before a colon, as in `mailto:`; a colon before digits is a port (`host:8080`). */
const SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;

/** A host with a dot in it, then maybe a port and a path: `shop.example.org/menu`. */
const BARE_DOMAIN = /^[^\s/?#:@\\]+\.[^\s/?#:@\\.][^\s/?#:@\\]*(:\d{1,5})?([/?#]\S*)?$/;

/** The address with `https://` in front when it was typed as a bare domain; otherwise as typed. */
export function withWebScheme(value: string): string {
  const typed = value.trim();
  if (typed === '' || SCHEME.test(typed) || typed.startsWith('/')) return typed;
  return BARE_DOMAIN.test(typed) ? `https://${typed}` : typed;
}

/** http(s) only, with a host: a `javascript:` or `data:` address can never be saved. */
export function isWebAddress(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** What a link field's hint says, so every form words the rule the same way. */
export const webAddressHint = 'Like shop.example.org (https:// is added for you).';
