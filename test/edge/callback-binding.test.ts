/**
 * GET /oauth/callback finishes a sign-in only in the browser that started
 * it. An attacker can start a sign-in with their own account, consent at
 * their PDS, and send someone the callback address instead of following it;
 * opened anywhere else, that address must sign nobody in and end nobody's
 * session. Sign-ins are real: a real pushed request, real consent at the
 * local PDS, a real code.
 */
import { describe, expect, it } from 'vitest';
import { get, postForm, signedOutBrowser, signIn } from './support';
import { consentAtPds } from './pds';

/** `cookie` with the cookies `res` sets added, replaced or (when cleared) dropped. */
function keepCookies(cookie: string, res: Response): string {
  const jar = new Map(
    cookie
      .split('; ')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair] as const),
  );
  for (const line of res.headers.getAll('set-cookie')) {
    const pair = line.split(';')[0] ?? '';
    const name = pair.slice(0, pair.indexOf('='));
    if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}

interface Browser {
  cookie: string;
  csrf: string;
}

/** `browser` signs in as `handle` up to the PDS's last redirect; returns the callback address. */
async function startAndConsent(browser: Browser, handle: string) {
  const res = await postForm('/login', { _csrf: browser.csrf, handle }, { cookie: browser.cookie });
  expect(res.status).toBe(303);
  browser.cookie = keepCookies(browser.cookie, res);
  return consentAtPds(res.headers.get('location') ?? '', handle);
}

/** Who `cookie` is signed in as, by the handle `/me` shows; undefined when signed out. */
async function signedInAs(cookie: string): Promise<string | undefined> {
  const res = await get('/me', { cookie });
  if (res.status !== 200) return undefined;
  return /@([a-z0-9.-]+\.test)/.exec(await res.text())?.[1];
}

async function expectRefused(res: Response) {
  expect([400, 403]).toContain(res.status);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('set-cookie') ?? '').not.toMatch(/nbhd_session=[^;]/);
  const html = await res.text();
  expect(html).toContain('started in another browser');
  expect(html).not.toContain('alice.test');
}

describe('GET /oauth/callback', () => {
  it('signs in the browser that started the sign-in', async () => {
    const browser = await signedOutBrowser();
    const callback = await startAndConsent(browser, 'alice.test');
    const res = await get(callback, { cookie: browser.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me');
    expect(res.headers.get('set-cookie')).toMatch(/nbhd_signin=; Max-Age=0/);
    expect(await signedInAs(keepCookies(browser.cookie, res))).toBe('alice.test');
  });

  it('signs in a browser that was already signed in as someone else, ending that session', async () => {
    const before = await signIn();
    const browser = { cookie: before.cookie, csrf: before.csrf };
    const callback = await startAndConsent(browser, 'alice.test');
    const res = await get(callback, { cookie: browser.cookie });
    expect(res.status).toBe(303);
    expect(await signedInAs(keepCookies(browser.cookie, res))).toBe('alice.test');
    expect(await signedInAs(before.cookie)).toBeUndefined();
  });

  it('signs nobody in when another, signed-out browser opens the address', async () => {
    const attacker = await signedOutBrowser();
    const callback = await startAndConsent(attacker, 'alice.test');
    const victim = await signedOutBrowser();
    const res = await get(callback, { cookie: victim.cookie });
    await expectRefused(res);
    expect(await signedInAs(keepCookies(victim.cookie, res))).toBeUndefined();
  });

  it('refuses a browser that sends no cookies at all', async () => {
    const callback = await startAndConsent(await signedOutBrowser(), 'alice.test');
    await expectRefused(await get(callback));
  });

  it('leaves a signed-in browser signed in as itself', async () => {
    const callback = await startAndConsent(await signedOutBrowser(), 'alice.test');
    const victim = await signIn();
    const res = await get(callback, { cookie: victim.cookie });
    await expectRefused(res);
    expect(await signedInAs(keepCookies(victim.cookie, res))).toBe(victim.member.handle);
  });

  it('refuses a browser with a sign-in of its own under way', async () => {
    const callback = await startAndConsent(await signedOutBrowser(), 'alice.test');
    const victim = await signedOutBrowser();
    const own = await startAndConsent(victim, 'bob.test');
    await expectRefused(await get(callback, { cookie: victim.cookie }));
    // Its own sign-in still finishes.
    const res = await get(own, { cookie: victim.cookie });
    expect(await signedInAs(keepCookies(victim.cookie, res))).toBe('bob.test');
  });

  it('abandons the attacker’s sign-in once another browser has opened it', async () => {
    const attacker = await signedOutBrowser();
    const callback = await startAndConsent(attacker, 'alice.test');
    await expectRefused(await get(callback));
    const res = await get(callback, { cookie: attacker.cookie });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('expired');
  });
});
