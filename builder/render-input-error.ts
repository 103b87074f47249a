/** The error a render throws when its input does not fit the template. */

/** The input does not fit the template; each problem in plain words. */
export class RenderInputError extends Error {
  override name = 'RenderInputError';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}
