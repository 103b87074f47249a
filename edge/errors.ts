/**
 * Expected failures. A handler throws `PageError` with words for the person
 * in front of the screen; `app.onError` renders it as a friendly page with
 * the given status. Anything else is logged and answered generically.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorPageProps } from '../views/pages/error';

export class PageError extends HTTPException {
  readonly page: ErrorPageProps;

  constructor(status: ContentfulStatusCode, page: ErrorPageProps) {
    super(status, { message: page.message });
    this.page = page;
  }
}

export const notFound = () =>
  new PageError(404, {
    title: 'Page not found',
    message: 'There is nothing at this address. It may have moved, or the link may be mistyped.',
  });
