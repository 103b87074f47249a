/**
 * Each sign-in finishes only in the browser that started it. Otherwise
 * someone could start a sign-in with their own account, consent at their
 * PDS, and send another person the callback address: opening it would sign
 * that person in as them ("login CSRF").
 *
 * `POST /login` gives the browser a random id in a short-lived cookie of
 * its own (HttpOnly, SameSite=Lax, which browsers still send on the PDS's
 * top-level redirect back) and stores a hash of it, with where to go next,
 * as the OAuth library's app state beside the pending authorization. The
 * callback reads that state before the library consumes it and goes on only
 * if this browser's cookie hashes to the same value. The cookie lives as
 * long as a pending authorization may, and one browser reuses its id, so
 * two tabs signing in at once both finish.
 */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppContext } from '../context';
import { STATE_TTL_SECONDS } from '../db/oauth-store';
import { sameSecret } from './constant-time';
import { localPath } from './handle';

const UUID = /^[0-9a-f-]{36}$/;
const appStateSchema = z.object({ browser: z.string(), next: localPath });

const cookieName = (secure: boolean) => (secure ? '__Host-nbhd_signin' : 'nbhd_signin');

async function browserHash(id: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`sign-in:${id}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Sets (or renews) this browser's sign-in cookie; returns the app state to authorize with. */
export async function bindSignIn(c: AppContext, next: string | undefined): Promise<string> {
  const { secure } = c.get('config');
  let id = getCookie(c, cookieName(secure));
  if (!id || !UUID.test(id)) id = crypto.randomUUID();
  setCookie(c, cookieName(secure), id, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    maxAge: STATE_TTL_SECONDS,
  });
  return JSON.stringify({ browser: await browserHash(id), next });
}

/**
 * Where to go after signing in, if `appState` was bound to this browser;
 * undefined if it was started elsewhere (or this browser lost its cookie).
 */
export async function boundSignIn(
  c: AppContext,
  appState: string | undefined,
): Promise<{ next: string | undefined } | undefined> {
  const id = getCookie(c, cookieName(c.get('config').secure));
  if (!id || !UUID.test(id) || !appState) return undefined;
  let stored;
  try {
    stored = appStateSchema.safeParse(JSON.parse(appState));
  } catch {
    return undefined;
  }
  if (!stored.success || !sameSecret(stored.data.browser, await browserHash(id))) return undefined;
  return { next: stored.data.next };
}

/** The sign-in this browser started is over, however it ended. */
export function endSignInCookie(c: AppContext): void {
  deleteCookie(c, cookieName(c.get('config').secure), {
    path: '/',
    secure: c.get('config').secure,
  });
}
