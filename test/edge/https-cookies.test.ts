/**
 * Served over https, every cookie nbhd sets is `Secure`, `HttpOnly`,
 * `SameSite=Lax`, for the whole site and no other host (the `__Host-`
 * prefix, which browsers enforce); a cookie without the prefix is not
 * taken for a session there.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signSessionToken } from '../../edge/auth/cookie';
import { csrfToken } from '../../edge/auth/csrf';
import type { Env } from '../../edge/env';
import app from '../../edge/index';
import { bindings, signIn, type SignedIn } from './support';

const SITE = 'https://oak.example';
let env: Env;
let alice: SignedIn;
let token: string;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'nbhd-test', alg: 'ES256' };
  env = {
    ...bindings,
    PUBLIC_URL: SITE,
    OAUTH_PRIVATE_KEY: JSON.stringify(jwk),
    ATPROTO_ALLOW_HTTP: 'false',
  };
  alice = await signIn({ displayName: 'Alice Secure' });
  token = await signSessionToken(
    bindings.SESSION_SECRET,
    { did: alice.member.did, sid: alice.session.id },
    alice.session.expiresAt,
  );
});

/** Each Set-Cookie of `res`, as name and its attributes (lower-cased). */
function cookies(res: Response): { name: string; attributes: string[] }[] {
  return res.headers.getAll('set-cookie').map((line) => {
    const [pair, ...attributes] = line.split(';').map((p) => p.trim());
    return { name: pair!.split('=')[0]!, attributes: attributes.map((a) => a.toLowerCase()) };
  });
}

function expectHostOnlySecure(cookie: { name: string; attributes: string[] }) {
  expect(cookie.name).toMatch(/^__Host-/);
  expect(cookie.attributes).toEqual(expect.arrayContaining(['path=/', 'httponly', 'secure']));
  expect(cookie.attributes).toContain('samesite=lax');
  expect(cookie.attributes.some((a) => a.startsWith('domain='))).toBe(false);
}

describe('cookies over https', () => {
  it('gives a signed-out browser a __Host- pre-session cookie', async () => {
    const res = await app.request(`${SITE}/`, {}, env);
    expect(res.status).toBe(200);
    const [presession] = cookies(res);
    expect(presession?.name).toBe('__Host-nbhd_presession');
    expectHostOnlySecure(presession!);
  });

  it('takes only the __Host- session cookie for a session', async () => {
    const withPrefix = await app.request(
      `${SITE}/me`,
      { headers: { cookie: `__Host-nbhd_session=${token}` } },
      env,
    );
    expect(withPrefix.status).toBe(200);
    expect(await withPrefix.text()).toContain('Alice Secure');
    const without = await app.request(
      `${SITE}/me`,
      { headers: { cookie: `nbhd_session=${token}` } },
      env,
    );
    expect(without.status).toBe(303);
  });

  it('clears the session cookie with the same attributes when signing out', async () => {
    const res = await app.request(
      `${SITE}/logout`,
      {
        method: 'POST',
        headers: {
          cookie: `__Host-nbhd_session=${token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          _csrf: await csrfToken(bindings.SESSION_SECRET, alice.session.id),
        }).toString(),
      },
      env,
    );
    expect(res.status).toBe(303);
    const cleared = cookies(res).find((c) => c.name === '__Host-nbhd_session');
    expect(cleared?.attributes).toEqual(expect.arrayContaining(['path=/', 'secure', 'max-age=0']));
  });
});
