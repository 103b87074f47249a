/**
 * POST /login against a real local PDS: a good handle starts a real
 * pushed authorization request and sends the browser to the PDS; every bad
 * input comes back to the form with the handle kept and the problem named,
 * also when the account's identity cannot be looked up in time.
 */
import { inject, describe, expect, it } from 'vitest';
import { get, postForm, signedOutBrowser } from './support';

async function signInWith(handle: string) {
  const browser = await signedOutBrowser();
  return postForm('/login', { _csrf: browser.csrf, handle }, { cookie: browser.cookie });
}

const fieldValue = (html: string) =>
  /<input id="handle" name="handle"[^>]* value="([^"]*)"/.exec(html)?.[1];
const fieldError = (html: string) =>
  /<p class="error" id="handle-error" role="alert">([^<]*)</.exec(html)?.[1];

describe('POST /login', () => {
  it('sends a real handle to its PDS with a pushed request for the atproto scope only', async () => {
    const res = await signInWith('@Alice.Test ');
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin).toBe(inject('pdsUrl'));
    expect(location.pathname).toBe('/oauth/authorize');
    expect(location.searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    const clientId = new URL(location.searchParams.get('client_id') ?? '');
    expect(clientId.origin).toBe('http://localhost');
    expect(clientId.searchParams.get('scope')).toBe('atproto');
    expect(clientId.searchParams.get('redirect_uri')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/,
    );
  });

  it('gives the browser a short-lived, script-proof cookie that binds the sign-in to it', async () => {
    const res = await signInWith('alice.test');
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^nbhd_signin=[0-9a-f-]{36};/);
    expect(cookie).toContain('Max-Age=3600');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('accepts a DID as well as a handle', async () => {
    const res = await signInWith(inject('dids')['bob.test']!);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/oauth/authorize');
  });

  it.each([
    ['a pasted profile address', ' https://bsky.app/profile/Alice.Test '],
    ['a profile address without https://', 'bsky.app/profile/alice.test?ref=share'],
    ['an @handle with spaces around it', '  @alice.test  '],
    ['the handle as a web address', 'https://alice.test/'],
  ])('understands %s', async (_, typed) => {
    const res = await signInWith(typed);
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location') ?? '').origin).toBe(inject('pdsUrl'));
  });

  it('understands a profile address with a DID in it, escaped or not', async () => {
    const did = inject('dids')['bob.test']!;
    for (const typed of [
      `https://bsky.app/profile/${did}`,
      `bsky.app/profile/${encodeURIComponent(did)}/post/3k`,
    ]) {
      const res = await signInWith(typed);
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get('location') ?? '').origin).toBe(inject('pdsUrl'));
    }
  });

  it('says next to the form, on the front page and when it comes back, that the account’s own sign-in page may need JavaScript', async () => {
    const note =
      /<form method="post" action="\/login"[\s\S]*?<button type="submit">Sign in<\/button>\s*<p class="hint" id="sign-in-javascript">([^<]*)<\/p>\s*<\/form>/;
    for (const html of [await (await get('/')).text(), await (await signInWith('alice')).text()]) {
      const words = note.exec(html)?.[1] ?? '';
      expect(words).toContain('may need JavaScript');
      expect(words).toContain('Everything here works without it.');
    }
  });

  it('names what to type when the value cannot be used', async () => {
    const html = await (await signInWith('alice')).text();
    expect(fieldError(html)).toContain(
      'Type your handle, like alice.bsky.social, or paste the address of your Bluesky profile.',
    );
  });

  it.each([
    ['an empty handle', '   ', 'Enter your handle'],
    ['a handle with spaces', 'alice test', 'does not look like a handle'],
    ['a handle without a dot', 'alice', 'does not look like a handle'],
    ['another site’s address', 'https://example.org/alice', 'does not look like a handle'],
    ['a profile address without a handle', 'https://bsky.app/profile/', 'does not look'],
    ['an over-long handle', `${'a'.repeat(250)}.test`, 'longer than any handle'],
  ])('names the problem with %s and keeps what was typed', async (_, typed, problem) => {
    const res = await signInWith(typed);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html)).toContain(problem);
    expect(fieldValue(html)).toBe(typed);
    expect(html).toContain('aria-invalid="true"');
  });

  it('does not repeat a flood typed as a handle', async () => {
    const res = await signInWith('a'.repeat(60_000));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html)).toContain('longer than any handle');
    expect(fieldValue(html)!.length).toBeLessThanOrEqual(1012);
    expect(html.length).toBeLessThan(20_000);
  });

  it('says plainly when no account has that handle, keeping the handle', async () => {
    const res = await signInWith('nobody.test');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html)).toContain('We could not find an account called @nobody.test');
    expect(fieldValue(html)).toBe('nobody.test');
  });

  it('says the account’s server is not answering when its PDS is down', async () => {
    const res = await signInWith(inject('downDid'));
    expect(res.status).toBe(502);
    const html = await res.text();
    expect(fieldError(html)).toContain('did not answer');
    expect(html).not.toMatch(/at \w+ \(|TypeError|stack/i);
  });

  it('gives up on an account whose did:web host never answers, keeping what was typed', async () => {
    // Bounded by the identity time limit (5 s); without one this would wait for ever.
    const did = inject('silentDid');
    const res = await signInWith(did);
    expect([400, 502]).toContain(res.status);
    const html = await res.text();
    expect(fieldValue(html)).toBe(did);
    expect(fieldError(html)).toBeTruthy();
  });

  it('gives up on an account whose PDS never answers, keeping what was typed', async () => {
    // Bounded by the OAuth library's time limit (10 s); without one this would wait for ever.
    const did = inject('silentPdsDid');
    const res = await signInWith(did);
    expect([400, 502]).toContain(res.status);
    const html = await res.text();
    expect(fieldValue(html)).toBe(did);
    expect(fieldError(html)).toBeTruthy();
  }, 30_000);
});
