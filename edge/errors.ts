/**
 * Expected failures. A handler throws `PageError` with words for the person
 * in front of the screen; `app.onError` renders it as a friendly page with
 * the given status. The data layer's own rule errors (`LastAdminError`,
 * `StillRemoved`) and a storage that failed are turned into pages here too,
 * so routes need not catch them. Anything else is logged and answered
 * generically.
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

/** The one answer to anything that would leave the neighborhood without an admin. */
export const lastAdmin = () =>
  new PageError(409, {
    title: 'You are the last admin',
    message:
      'The neighborhood needs at least one admin, so you cannot step down, leave, remove yourself or delete your account yet. Make another member an admin first, then try again.',
    action: { href: '/admin/members', label: 'Go to members' },
  });

/** The answer to someone whose removal stands and who tries to come back by themselves. */
export const stillRemoved = (neighborhoodName = 'the neighborhood') =>
  new PageError(403, {
    title: `You were removed from ${neighborhoodName}`,
    message:
      'An admin removed you, so you cannot join or ask to join again yourself. If you think that was a mistake, ask an admin: they can lift the removal.',
  });

/**
 * The answer when the storage failed and there was nothing typed to keep (a
 * page view, a one-button form); forms with text keep it (`not-saved.ts`).
 */
export const storageDown = (method: string) =>
  new PageError(503, {
    title: 'The neighborhood’s storage did not answer',
    message:
      method === 'GET' || method === 'HEAD'
        ? 'This page could not be read just now. Please try again in a moment.'
        : 'What you asked for may not have been done. Please try again in a moment; doing it twice does no harm.',
  });
