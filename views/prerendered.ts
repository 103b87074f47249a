/**
 * Markup that is the same on every request, rendered to a string once, when
 * its module loads, and reused as it is. Rendering it again on each request
 * would cost a few hundred small strings and objects that the Worker's
 * garbage collector must then sweep, and a collection is the slowest
 * request of a page's hundred.
 */
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** `markup` (JSX with no components that read the request) as finished HTML. */
export function prerendered(markup: unknown): HtmlEscapedString {
  return raw(String(markup));
}
