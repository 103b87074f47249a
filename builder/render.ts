/**
 * The one renderer: a site's settings and items in, every output file out,
 * in memory. Preview and publish both call this.
 */
import type { RenderedFile, RenderInput } from './types';

/** The input does not fit the template; each problem in plain words. */
export class RenderInputError extends Error {
  override name = 'RenderInputError';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

export async function render(_input: RenderInput): Promise<RenderedFile[]> {
  throw new Error('not implemented yet');
}
