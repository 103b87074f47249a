/**
 * Serving what the builder renders, for a member's preview and for the
 * gallery's sample sites alike: asking it (its failures become a friendly
 * page saying the work is saved), the path below a preview's base, and the
 * builder's file as the response, byte for byte but for a banner added to
 * HTML pages. Such documents carry their own security policy (see
 * `sitePreviewPolicy`).
 */
import { BuilderFailure, BuilderTooSlow, BuilderUnreachable, invokeBuilder } from '../builder';
import {
  MAX_PATH,
  type PreviewRequest,
  type PreviewResponse,
  type SampleRequest,
} from '../../core/builder-protocol';
import type { AppContext, AppEnv } from '../context';
import { notFound, PageError } from '../errors';
import { sitePreviewPolicy } from '../middleware/security-headers';
import { withBanner } from '../../views/components/preview-banner';

/** Where a "go back" link on a builder's failure page leads. */
export interface BackLink {
  href: string;
  label: string;
}

function fromBase64(body: string): Uint8Array<ArrayBuffer> {
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The path after `prefix` in the request's URL, still percent-encoded as the browser sent it. */
export function pathAfter<E extends AppEnv>(c: AppContext<E>, prefix: string): string {
  const path = new URL(c.req.url).pathname.slice(prefix.length);
  if (path.length > MAX_PATH) throw notFound();
  return path;
}

/** What a page about a builder failure says, by what was asked of it. */
export interface FailureWords {
  /** The title when it was too slow, and when it could not answer otherwise. */
  slowTitle: string;
  downTitle: string;
  /** What did not happen in time, e.g. "finish making your ZIP". */
  task: string;
  /** What problem it ran into, e.g. "making your ZIP" (or nothing). */
  problem?: string;
  /** What the person should know is safe, e.g. "Your live site is unchanged." */
  reassurance: string;
  back: BackLink;
}

/** The friendly page (503, or 504 when it was too slow) for a builder that could not answer. */
export function builderFailurePage(error: BuilderFailure, words: FailureWords): PageError {
  const slow = error instanceof BuilderTooSlow;
  const why = slow
    ? `The site builder did not ${words.task} in time.`
    : error instanceof BuilderUnreachable
      ? 'We could not reach the site builder.'
      : `The site builder ran into a problem${words.problem ? ` ${words.problem}` : ''}.`;
  return new PageError(slow ? 504 : 503, {
    title: slow ? words.slowTitle : words.downTitle,
    message: `${why} ${words.reassurance} Please try again in a minute.`,
    action: words.back,
  });
}

/** The friendly page for a builder that could not answer for a preview. */
export function builderDown(error: BuilderFailure, back: BackLink): PageError {
  return builderFailurePage(error, {
    slowTitle: 'The preview is taking too long',
    downTitle: 'The preview is not available right now',
    task: 'finish',
    reassurance: 'Your work is saved; nothing was lost.',
    back,
  });
}

/** Asks the builder, turning its failures into the friendly page. */
export async function ask<E extends AppEnv>(
  c: AppContext<E>,
  request: PreviewRequest | SampleRequest,
  back: BackLink,
): Promise<PreviewResponse> {
  try {
    return await invokeBuilder(c.get('config'), request);
  } catch (error) {
    if (error instanceof BuilderFailure) throw builderDown(error, back);
    throw error;
  }
}

/** The builder's file as the response, byte for byte but for the banner added to HTML. */
export async function serveFile<E extends AppEnv>(
  c: AppContext<E>,
  answer: Extract<PreviewResponse, { kind: 'file' }>,
  banner: () => Promise<string>,
  cacheControl: string,
) {
  let body = fromBase64(answer.body);
  if (/^text\/html\b/i.test(answer.contentType)) body = withBanner(body, await banner());
  return c.body(body, answer.status, {
    'Content-Type': answer.contentType,
    'Content-Security-Policy': sitePreviewPolicy({ allowHttp: c.get('config').atproto.allowHttp }),
    'X-Frame-Options': 'SAMEORIGIN',
    'Cache-Control': cacheControl,
  });
}
