/**
 * The one renderer: a site's settings and items in, every output file out,
 * in memory. Preview and publish both call this, so what a neighbor
 * previews is byte for byte what visitors get. The input is validated again
 * here (see validate-input.ts); output is deterministic: no clocks, stable
 * sort orders, files sorted by path.
 */
import type { TemplateId } from '../templates';
import type { RenderItem } from '../templates/content';
import type { Settings } from '../templates/settings';
import { runEleventy } from './eleventy';
import type { RenderPicture } from './picture-markup';
import { toFiles, type RenderedFile } from './files';
import { RenderInputError } from './render-input-error';
import { siteModel } from './site-model';
import { validateInput } from './validate-input';

export { RenderInputError };
export type { RenderedFile, RenderPicture };

/** Everything a site's render takes. */
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
  /**
   * The site's pictures, which `picture:<id>` references resolve to. Part
   * of the input, so a changed picture changes the preview cache's key.
   */
  pictures?: RenderPicture[];
}

/**
 * Every file of the site `input` describes. Throws `RenderInputError` when
 * the input does not fit its template.
 */
export async function render(input: RenderInput): Promise<RenderedFile[]> {
  const valid = validateInput(input);
  const pages = await runEleventy(valid.template.id, siteModel(valid));
  return toFiles(pages);
}
