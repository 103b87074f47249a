/**
 * A session cookie's signature is checked once per isolate and remembered,
 * but its expiry is checked on every request: a remembered cookie past its
 * own expiry is signed out, even while its session item would still be live.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signSessionToken } from '../../edge/auth/cookie';
import { bindings, get, signIn } from './support';

afterEach(() => vi.useRealTimers());

describe('GET /me with a remembered session cookie', () => {
  it('signs out a cookie that verified before, once the cookie itself has expired', async () => {
    const { member, session } = await signIn({ displayName: 'Alice Remembered' });
    const now = Math.floor(Date.now() / 1000);
    // The cookie expires well before its session item does.
    const token = await signSessionToken(
      bindings.SESSION_SECRET,
      { did: member.did, sid: session.id },
      now + 60,
    );
    const cookie = `nbhd_session=${token}`;
    expect(await (await get('/me', { cookie })).text()).toContain('Alice Remembered');
    expect(session.expiresAt).toBeGreaterThan(now + 600);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((now + 120) * 1000);
    const res = await get('/me', { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie') ?? '').toMatch(/nbhd_session=; Max-Age=0/);
  });

  it('still signs in with the same cookie on a later request before it expires', async () => {
    const { cookie } = await signIn({ displayName: 'Alice Again' });
    for (let i = 0; i < 3; i++) {
      expect(await (await get('/me', { cookie })).text()).toContain('Alice Again');
    }
  });
});
