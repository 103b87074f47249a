/**
 * GET /oauth/callback saves the member's handle only as the handle resolver
 * vouches for it: a resolver that fails for a moment (503, 429, a dropped
 * connection) leaves the handle they signed in with last time, and one that
 * says the handle points to another DID makes it `handle.invalid`. The
 * sign-ins are real (a real pushed request, consent at the local PDS, a
 * real code); only the Worker's handle resolver is one that answers badly.
 * The DID is typed at sign-in, so the OAuth library never needs a handle.
 */
import { describe, expect, inject, it } from 'vitest';
import { getMember, saveProfile } from '../../edge/db/members';
import app from '../../edge/index';
import { consentAtPds } from './pds';
import { bindings, db, ORIGIN, signedOutBrowser } from './support';

const PASSWORD = 'pw-12345678';

/** A new account on the local PDS, stored as a member who signed in with its handle before. */
async function returningMember(): Promise<{ did: string; handle: string }> {
  const handle = `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.test`;
  const res = await fetch(`${inject('pdsUrl')}/xrpc/com.atproto.server.createAccount`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle, email: `${handle}@example.com`, password: PASSWORD }),
  });
  const { did } = (await res.json()) as { did: string };
  await saveProfile(db, { did, handle, displayName: 'Returning Neighbor' });
  return { did, handle };
}

/** Signs in as `did` through a Worker whose handle resolver is `resolver`; returns the callback's answer. */
async function signInResolvingAt(resolver: string, did: string, handle: string) {
  const env = { ...bindings, ATPROTO_HANDLE_RESOLVER: resolver };
  const browser = await signedOutBrowser();
  const login = await app.request(
    `${ORIGIN}/login`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookie },
      body: new URLSearchParams({ _csrf: browser.csrf, handle: did }).toString(),
    },
    env,
  );
  expect(login.status).toBe(303);
  const signInCookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const callback = await consentAtPds(login.headers.get('location') ?? '', handle, PASSWORD);
  return app.request(
    `${ORIGIN}${callback}`,
    { headers: { cookie: `${browser.cookie}; ${signInCookie}` } },
    env,
  );
}

describe('GET /oauth/callback', () => {
  it.each(['unavailable', 'limited', 'hangs-up'] as const)(
    'keeps the stored handle when the handle resolver fails for a moment (%s)',
    async (failure) => {
      const { did, handle } = await returningMember();
      const res = await signInResolvingAt(inject('handleResolvers')[failure], did, handle);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/me');
      expect((await getMember(db, did))?.handle).toBe(handle);
    },
  );

  it('marks the handle invalid when the resolver says it points to someone else', async () => {
    const { did, handle } = await returningMember();
    const res = await signInResolvingAt(inject('handleResolvers').elsewhere, did, handle);
    expect(res.status).toBe(303);
    expect((await getMember(db, did))?.handle).toBe('handle.invalid');
  });
});
