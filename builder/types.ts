/**
 * The builder's contract: what rendering a site takes and gives back, and
 * the requests its Lambda handler answers. The edge imports only the
 * request and response shapes; rendering itself runs in Node.
 */
import type { ItemContent } from '../templates/content';
import type { Settings } from '../templates/settings';
import type { TemplateId } from '../templates/template';

/** One item as the templates see it: its content plus when it was last changed. */
export interface RenderItem extends ItemContent {
  updatedAt: string;
}

export interface RenderInput {
  template: TemplateId;
  site: {
    /** The subdomain. */
    name: string;
    /** Its public address, e.g. `https://alice.oak.example`; feeds and the sitemap use it. */
    url: string;
    /** Written to `/.well-known/atproto-did`. */
    ownerDid: string;
  };
  /** For the footer's link back home. */
  neighborhood: { name: string; url: string };
  settings: Settings;
  /** Only what is to be published: the caller leaves drafts and trashed items out. */
  items: RenderItem[];
}

export interface RenderedFile {
  /** From the site's root, without a leading slash: `index.html`, `posts/hello/index.html`. */
  path: string;
  contentType: string;
  body: Uint8Array;
}

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
