/**
 * Turns what can go wrong while signing in into words for the person doing
 * it. The OAuth library reports problems as a handful of error types; this is
 * the one place that knows which is which.
 */
import { OAuthCallbackError, OAuthResolverError } from '@atproto/oauth-client-node';
import { isStorageFailure } from '../db/dynamo';
import { PageError } from '../errors';

const startAgain = { href: '/#sign-in-heading', label: 'Sign in again' };

export const callbackHitDirectly = () =>
  new PageError(400, {
    title: 'Nothing to sign in here',
    message:
      'This address is where your Bluesky server sends you back after you sign in. Opened on its own, it has nothing to do. Start from the sign-in form instead.',
    action: startAgain,
  });

export const staleSignIn = () =>
  new PageError(400, {
    title: 'That sign-in link has expired',
    message:
      'This sign-in was already finished, took longer than an hour, or was not started here. Nothing has changed; please sign in again.',
    action: startAgain,
  });

export const startedElsewhere = () =>
  new PageError(403, {
    title: 'This sign-in was started somewhere else',
    message:
      'This sign-in was started in another browser or tab, or your browser did not keep the cookie it was given when you pressed “Sign in”. Nothing changed: you are signed in, or out, just as you were. To sign in, start again here.',
    action: { href: '/#sign-in-heading', label: 'Start again here' },
  });

/** What the sign-in form should say when `authorize` fails for `handle`. */
export function describeAuthorizeError(
  error: unknown,
  handle: string,
): { status: 400 | 502 | 503; message: string } {
  // The sign-in is remembered in our own storage before the PDS is asked anything.
  if (isStorageFailure(error)) {
    return {
      status: 503,
      message:
        'Not signed in: the neighborhood’s storage did not answer. Nothing you typed is lost; try again.',
    };
  }
  if (
    error instanceof OAuthResolverError &&
    error.message.startsWith('Failed to resolve identity')
  ) {
    return {
      status: 400,
      message: `We could not find an account called @${handle}. Check the spelling; it usually ends in .bsky.social or your own domain.`,
    };
  }
  return {
    status: 502,
    message: `We found @${handle}, but the server that holds the account did not answer. It may be down for a moment; please try again in a few minutes.`,
  };
}

/** The page to show when the PDS sends someone back without a usable answer. */
export function describeCallbackError(error: unknown): PageError {
  if (error instanceof OAuthCallbackError) {
    // A replayed or unknown state is stale whatever else the URL says.
    if (error.message.startsWith('Unknown authorization session')) return staleSignIn();
    const code = error.params.get('error');
    if (code === 'access_denied') {
      return new PageError(400, {
        title: 'You did not sign in',
        message:
          'You chose not to let this neighborhood see who you are, so you are still signed out. That is fine; you can sign in whenever you like.',
        action: startAgain,
      });
    }
    if (code) {
      return new PageError(400, {
        title: 'Your Bluesky server stopped the sign-in',
        // Its own words (`error_description`) stay out: anyone can put text in this address.
        message:
          'It sent you back without letting you sign in. Nothing has changed; please try again. If it keeps happening, your server may be having trouble.',
        action: startAgain,
      });
    }
  }
  return new PageError(502, {
    title: 'We could not finish signing you in',
    message:
      'Your Bluesky server did not answer when we asked it to confirm who you are. It may be down for a moment. Nothing was changed; please try again in a few minutes.',
    action: startAgain,
  });
}
