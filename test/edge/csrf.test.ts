/**
 * CSRF: a state-changing form is accepted only with the token bound to the
 * browser's own session; everything else gets the "form expired" page and
 * changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { getSession } from '../../edge/db/sessions';
import { db, get, postForm, signedOutBrowser, signIn } from './support';

describe('POST /logout', () => {
  it('signs out with the right token: session item gone, cookie cleared, back to the front page', async () => {
    const { member, session, cookie, csrf } = await signIn();
    const res = await postForm('/logout', { _csrf: csrf }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toMatch(/nbhd_session=; Max-Age=0/);
    expect(await getSession(db, member.did, session.id)).toBeUndefined();
    expect((await get('/me', { cookie })).status).toBe(303);
  });

  it.each([
    ['no token', undefined],
    ['an empty token', ''],
    ['a made-up token', 'A'.repeat(43)],
  ])('refuses %s and keeps the session', async (_, token) => {
    const { member, session, cookie } = await signIn();
    const form: Record<string, string> = token === undefined ? {} : { _csrf: token };
    const res = await postForm('/logout', form, { cookie });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('That form has expired');
    expect(await getSession(db, member.did, session.id)).toBeDefined();
  });

  it('refuses a token that belongs to another session', async () => {
    const victim = await signIn();
    const attacker = await signIn();
    const res = await postForm('/logout', { _csrf: attacker.csrf }, { cookie: victim.cookie });
    expect(res.status).toBe(403);
    expect(await getSession(db, victim.member.did, victim.session.id)).toBeDefined();
  });

  it('refuses a request whose Origin is another site, even with a valid token', async () => {
    const { member, session, cookie, csrf } = await signIn();
    const res = await postForm(
      '/logout',
      { _csrf: csrf },
      { cookie, origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(await getSession(db, member.did, session.id)).toBeDefined();
  });

  it('accepts a valid token when the browser sends no Origin at all (lynx, old browsers)', async () => {
    const { cookie, csrf } = await signIn();
    expect((await postForm('/logout', { _csrf: csrf }, { cookie })).status).toBe(303);
  });
});

describe('POST /login', () => {
  it('refuses a sign-in form posted without the pre-session cookie it was issued for', async () => {
    const { csrf } = await signedOutBrowser();
    const res = await postForm('/login', { _csrf: csrf, handle: 'alice.test' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Signing in needs cookies');
  });
});
