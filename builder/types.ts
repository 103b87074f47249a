/**
 * The builder's contract: the requests its Lambda handler answers and what
 * it answers them with. The edge imports these shapes; rendering itself
 * runs in Node.
 */
import type { TemplateId } from '../templates/template';

/**
 * Asks for one file of a site's preview. `path` is the URL path below the
 * site's root as a browser sends it (percent-encoded), e.g. `/posts/hello/`.
 */
export interface PreviewRequest {
  kind: 'preview';
  site: string;
  path: string;
  /** The id of one draft item to include as if it were ready. */
  draft?: string;
}

/** Asks for one file of a template's sample site (the gallery's live example). */
export interface SampleRequest {
  kind: 'sample';
  template: TemplateId;
  path: string;
}

export type BuilderRequest = PreviewRequest | SampleRequest;

export type PreviewResponse =
  | {
      kind: 'file';
      /** 404 when the path names no file; the body is then the site's 404 page. */
      status: 200 | 404;
      contentType: string;
      /** Base64. */
      body: string;
    }
  /**
   * The path names a folder without its trailing slash (`/posts/hello`):
   * go to `path` (`/posts/hello/`), so the page's relative links resolve
   * as they will on the published site.
   */
  | { kind: 'redirect'; path: string }
  /** The site does not exist (any more), or the named draft item does not. */
  | { kind: 'no-site' }
  /** The stored settings or items do not fit the template; each problem in plain words. */
  | { kind: 'invalid'; problems: string[] };

/**
 * The request itself was not one the builder understands (an unknown kind,
 * a missing field): a mismatch between the edge and builder versions, never
 * the member's doing.
 */
export interface BadRequestResponse {
  kind: 'bad-request';
  message: string;
}

export type BuilderResponse = PreviewResponse | BadRequestResponse;
