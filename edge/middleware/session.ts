/**
 * Reads the session cookie and, if it names a live session of a known
 * member, puts the viewer on the context. A tampered, expired or revoked
 * cookie simply means "signed out" and is cleared.
 */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { signSessionToken, verifySessionToken } from '../auth/cookie';
import type { AppContext, AppEnv } from '../context';
import type { Session } from '../../core/records/sessions';
import { getViewer } from '../db/viewer';

export const sessionCookieName = (secure: boolean) =>
  secure ? '__Host-nbhd_session' : 'nbhd_session';

export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  const config = c.get('config');
  const db = c.get('db');
  const name = sessionCookieName(config.secure);
  const token = getCookie(c, name);
  if (token) {
    const claims = await verifySessionToken(config.sessionSecret, token);
    const state = claims && (await getViewer(db, claims.did, claims.sid));
    if (state) c.set('neighborhood', state.neighborhood);
    if (state?.viewer) c.set('viewer', state.viewer);
    else deleteCookie(c, name, { path: '/', secure: config.secure });
  }
  await next();
});

/** Hands the browser a cookie naming `session`. */
export async function startSession(c: AppContext, session: Session): Promise<void> {
  const config = c.get('config');
  const token = await signSessionToken(
    config.sessionSecret,
    { did: session.did, sid: session.id },
    session.expiresAt,
  );
  setCookie(c, sessionCookieName(config.secure), token, {
    path: '/',
    httpOnly: true,
    secure: config.secure,
    sameSite: 'Lax',
    expires: new Date(session.expiresAt * 1000),
  });
}

export function endSessionCookie(c: AppContext): void {
  deleteCookie(c, sessionCookieName(c.get('config').secure), {
    path: '/',
    secure: c.get('config').secure,
  });
}
