/**
 * The front page, signed out: the neighborhood's words, a sign-in form that
 * works without JavaScript, and the headers every response must carry.
 */
import { describe, expect, it } from 'vitest';
import { bindings, get, ORIGIN } from './support';

describe('GET /', () => {
  it('shows the neighborhood and a sign-in form that posts a handle with a CSRF token', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Oak Street</h1>');
    expect(html).toContain('Forty-odd households');
    expect(html).toMatch(/<form method="post" action="\/login"/);
    expect(html).toMatch(/<input type="hidden" name="_csrf" value="[\w-]{43}"\/>/);
    expect(html).toMatch(/<label for="handle">/);
    expect(html).not.toContain('<script');
  });

  it('links the content-hashed stylesheet that the static assets hold', async () => {
    const html = await (await get('/')).text();
    const href = /<link rel="stylesheet" href="(\/assets\/style\.[0-9a-f]{12}\.css)"/.exec(
      html,
    )?.[1];
    expect(href).toBeDefined();
    // Workers Static Assets answer before the Worker in production; ask the binding directly.
    const css = await bindings.ASSETS.fetch(`${ORIGIN}${href}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('prefers-color-scheme');
  });

  it('gives a signed-out browser an HttpOnly pre-session cookie for its CSRF token', async () => {
    const cookie = (await get('/')).headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^nbhd_presession=[0-9a-f-]{36}; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const res = await get('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toContain('Cookie');
  });

  it('answers an unknown address with a friendly 404 page', async () => {
    const res = await get('/no/such/page');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Page not found');
    expect(html).toContain('href="/"');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
