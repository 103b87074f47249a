/**
 * GET /oauth/callback: every way a return from the PDS can go wrong ends on
 * a friendly page that says what happened and leaves the browser signed
 * out. Requests are started for real against the local PDS, so `state` is a
 * real pending authorization, not a made-up one.
 */
import { describe, expect, inject, it } from 'vitest';
import { oauthStateKey } from '../../edge/db/oauth-store';
import { pendingState } from './pending-sign-in';
import { db, get } from './support';

async function expectFriendly(res: Response, status: number, title: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('set-cookie') ?? '').not.toContain('nbhd_session=ey');
  const html = await res.text();
  expect(html).toContain(`<h1>${title}</h1>`);
  expect(html).not.toMatch(/OAuthCallbackError|at \w+ \(|Unknown authorization session/);
  return html;
}

describe('GET /oauth/callback', () => {
  it('explains itself when opened directly', async () => {
    await expectFriendly(await get('/oauth/callback'), 400, 'Nothing to sign in here');
  });

  it('treats a forged state as an expired sign-in', async () => {
    const res = await get('/oauth/callback?state=forgedforgedforged&code=abc&iss=http://localhost');
    await expectFriendly(res, 400, 'That sign-in link has expired');
  });

  it('treats a malformed state the same way, without asking the database', async () => {
    const res = await get(`/oauth/callback?state=${'%00'.repeat(300)}&code=abc`);
    await expectFriendly(res, 400, 'That sign-in link has expired');
  });

  it('says so kindly when the person declines at their PDS, and the state cannot be replayed', async () => {
    const { state, cookie } = await pendingState('alice.test');
    const declined = `/oauth/callback?state=${state}&error=access_denied&iss=${encodeURIComponent(inject('pdsUrl'))}`;
    const html = await expectFriendly(await get(declined, { cookie }), 400, 'You did not sign in');
    expect(html).toContain('still signed out');
    await expectFriendly(await get(declined, { cookie }), 400, 'That sign-in link has expired');
  });

  it('shows only its own words when the PDS reports another error, whatever the address says', async () => {
    const { state, cookie } = await pendingState('alice.test');
    const planted = '<script>alert(1)</script>Your account is closed, call 555-0100';
    const query = new URLSearchParams({
      state,
      error: 'server_error<b>',
      error_description: planted,
      iss: inject('pdsUrl'),
    });
    const res = await get(`/oauth/callback?${query}`, { cookie });
    const html = await expectFriendly(res, 400, 'Your Bluesky server stopped the sign-in');
    expect(html).not.toMatch(/555-0100|alert\(1\)|&lt;script|server_error/);
  });

  it('treats a state older than an hour as expired even before DynamoDB deletes it', async () => {
    const { state, cookie } = await pendingState('bob.test');
    const item = await db.get<Record<string, unknown>>(oauthStateKey(state));
    await db.put({
      ...oauthStateKey(state),
      value: item!.value,
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    const res = await get(`/oauth/callback?state=${state}&code=whatever`, { cookie });
    await expectFriendly(res, 400, 'That sign-in link has expired');
  });

  it('shows a friendly page when the PDS will not exchange the code', async () => {
    const { state, cookie } = await pendingState('alice.test');
    const res = await get(
      `/oauth/callback?state=${state}&code=not-a-real-code&iss=${encodeURIComponent(inject('pdsUrl'))}`,
      { cookie },
    );
    await expectFriendly(res, 502, 'We could not finish signing you in');
  });
});
