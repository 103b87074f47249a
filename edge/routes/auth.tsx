/**
 * Signing in and out with AT Protocol OAuth, and the client metadata and
 * public keys a confidential client publishes. Sign-in and sign-out answers
 * are `no-store`: none of them may be cached by a browser or a proxy.
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import {
  describeAuthorizeError,
  callbackHitDirectly,
  describeCallbackError,
  staleSignIn,
  startedElsewhere,
} from '../auth/errors';
import { releaseGrant } from '../auth/grant';
import { HANDLE_MAX, localPath, signInSchema } from '../auth/handle';
import { CLIENT_METADATA_PATH, JWKS_PATH, OAUTH_SCOPE } from '../auth/oauth-client';
import { fetchProfile } from '../auth/profile';
import { bindSignIn, boundSignIn, endSignInCookie } from '../auth/sign-in-binding';
import { afterResponse } from '../after-response';
import type { AppContext, AppEnv } from '../context';
import { getMember, saveProfile } from '../db/members';
import { type ProfileFields } from '../../core/records/members';
import { ensureAdmin } from '../db/membership';
import { abandonAuthorization, pendingAuthorization } from '../db/oauth-store';
import { createSession, deleteSession } from '../db/sessions';
import { notFound } from '../errors';
import { endSessionCookie, startSession } from '../middleware/session';
import { currentNeighborhood, renderPage } from '../render';
import { validForm } from '../validate';
import { HomePage } from '../../views/pages/home';
import { failureSummary } from '../failure-log';

const STATE = /^[A-Za-z0-9_-]{8,128}$/;

async function signInAgain(
  c: AppContext,
  handle: string,
  error: string,
  status: 400 | 502 | 503,
  next?: string,
) {
  const neighborhood = await currentNeighborhood(c);
  return renderPage(
    c,
    { title: 'Sign in', status, neighborhood },
    <HomePage
      neighborhood={neighborhood}
      signIn={{ csrfToken: c.get('csrfToken'), handle, error, next: localPath.parse(next) }}
    />,
  );
}

/**
 * Fresh profile data from the member's PDS, or what we already had if it
 * cannot be read now; the stored handle stays if the resolver cannot check it.
 */
async function currentProfile(c: AppContext, did: string): Promise<ProfileFields> {
  const stored = await getMember(c.get('db'), did);
  try {
    return await fetchProfile(c.get('config'), did, { lastHandle: stored?.handle });
  } catch (error) {
    console.warn('profile refresh failed', did, failureSummary(error));
    return stored ?? { did, handle: 'handle.invalid' };
  }
}

const noStore = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});

export const auth = new Hono<AppEnv>()
  .post(
    '/login',
    noStore,
    validForm(signInSchema, (c, input, errors) => {
      // Typed back so it can be fixed, but a flood is not repeated to the browser.
      const typed = (input.handle ?? '').slice(0, HANDLE_MAX * 4);
      return signInAgain(c, typed, errors.handle ?? 'Check your handle.', 400, input.next);
    }),
    async (c) => {
      const { handle, next } = c.req.valid('form');
      const state = await bindSignIn(c, next);
      let url: URL;
      try {
        url = await (await c.get('oauthClient')()).authorize(handle, { scope: OAUTH_SCOPE, state });
      } catch (error) {
        console.warn('oauth authorize failed', handle, failureSummary(error));
        const { status, message } = describeAuthorizeError(error, handle);
        return signInAgain(c, handle, message, status, next);
      }
      return c.redirect(url.toString(), 303);
    },
  )
  .get('/oauth/callback', noStore, async (c) => {
    const params = new URL(c.req.url).searchParams;
    if (!params.has('state') && !params.has('code') && !params.has('error')) {
      throw callbackHitDirectly();
    }
    const state = params.get('state') ?? '';
    if (!STATE.test(state)) throw staleSignIn();

    // Before anything is exchanged, created or ended: was it started in this browser?
    const pending = await pendingAuthorization(c.get('db'), state);
    if (!pending) throw staleSignIn();
    const bound = await boundSignIn(c, pending.appState);
    if (!bound) {
      console.warn('oauth callback from another browser refused');
      await abandonAuthorization(c.get('db'), state);
      throw startedElsewhere();
    }
    endSignInCookie(c);

    let did: string;
    try {
      did = (await (await c.get('oauthClient')()).callback(params)).session.did;
    } catch (error) {
      console.warn('oauth callback failed', failureSummary(error));
      throw describeCallbackError(error);
    }
    // The DID is all we wanted: give the grant back now, without holding up the redirect.
    await afterResponse(
      c,
      releaseGrant({ db: c.get('db'), oauthClient: c.get('oauthClient') }, did),
    );

    const db = c.get('db');
    const config = c.get('config');
    const member = await saveProfile(db, await currentProfile(c, did));
    const entries = config.admins.filter((entry) => entry === did || entry === member.handle);
    if (entries.length > 0) await ensureAdmin(db, did, entries);
    const previous = c.get('viewer');
    if (previous) await deleteSession(db, previous.member.did, previous.session.id);
    await startSession(c, await createSession(db, did));
    return c.redirect(bound.next ?? '/me', 303);
  })
  .post('/logout', noStore, async (c) => {
    const viewer = c.get('viewer');
    const db = c.get('db');
    if (viewer) {
      await deleteSession(db, viewer.member.did, viewer.session.id);
      // Only a grant from before sign-in revoked it at once can still be held.
      await releaseGrant({ db: c.get('db'), oauthClient: c.get('oauthClient') }, viewer.member.did);
    }
    endSessionCookie(c);
    return c.redirect('/', 303);
  });

/** Served only by a confidential client: loopback clients have no metadata document. */
export const clientDocuments = new Hono<AppEnv>()
  .get(CLIENT_METADATA_PATH, async (c) => {
    const client = await confidentialClient(c);
    return c.json(client.clientMetadata);
  })
  .get(JWKS_PATH, async (c) => {
    const client = await confidentialClient(c);
    return c.json(client.jwks);
  });

async function confidentialClient(c: AppContext) {
  if (!c.get('config').oauthPrivateKey) throw notFound();
  c.header('Cache-Control', 'public, max-age=300');
  return c.get('oauthClient')();
}
