/**
 * The one renderer: a site's settings and items in, every output file out,
 * in memory. Preview and publish both call this, so what a neighbor
 * previews is byte for byte what visitors get. The input is validated again
 * here (see validate-input.ts); output is deterministic: no clocks, stable
 * sort orders, files sorted by path.
 */
import { runEleventy } from './eleventy';
import { toFiles } from './files';
import { RenderInputError } from './render-input-error';
import { siteModel } from './site-model';
import type { RenderedFile, RenderInput } from './types';
import { validateInput } from './validate-input';

export { RenderInputError };

/**
 * Every file of the site `input` describes. Throws `RenderInputError` when
 * the input does not fit its template.
 */
export async function render(input: RenderInput): Promise<RenderedFile[]> {
  const valid = validateInput(input);
  const pages = await runEleventy(valid.template.id, siteModel(valid));
  return toFiles(pages);
}
