/**
 * Security headers on every response the Worker makes: a strict Content
 * Security Policy (no inline script or style, nothing from elsewhere but
 * avatar images), no framing, no sniffing, and HSTS when served over https.
 *
 * A route that answers with a document of another kind (a site preview)
 * sets its own `Content-Security-Policy` and `X-Frame-Options` on its
 * response, and this middleware leaves them alone; every other response
 * gets the app's. Policies for such documents live here too, so every
 * policy the Worker sends can be read in one file.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

export function contentSecurityPolicy({
  allowHttp,
  framable = false,
}: {
  allowHttp: boolean;
  /** Whether the app itself may frame the page (pages shown in the editor's preview frame). */
  framable?: boolean;
}): string {
  // Avatars live on members' own servers; sign-in forms redirect to their PDS.
  const remote = allowHttp ? 'https: http:' : 'https:';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' ${remote}`,
    "connect-src 'self'",
    // The item editor shows the site's preview in a frame.
    "frame-src 'self'",
    `form-action 'self' ${remote}`,
    framable ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * For the app's own pages at addresses the editor frames (a preview's error
 * pages): the app's policy, but the app may frame them, so the frame shows
 * the message instead of a blocked frame. Routes use it as middleware.
 */
export const framableBySelf = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  if (headers.has('Content-Security-Policy')) return;
  headers.set(
    'Content-Security-Policy',
    contentSecurityPolicy({
      allowHttp: c.get('config')?.atproto.allowHttp ?? false,
      framable: true,
    }),
  );
  headers.set('X-Frame-Options', 'SAMEORIGIN');
});

/**
 * For a rendered site shown by the app (a preview, a template's sample):
 * the site's own inline `<style>` works, no script runs at all, images may
 * come from anywhere on https (what members link to), nothing can be
 * submitted, and only the app itself may frame it (the editor's preview).
 */
export function sitePreviewPolicy({ allowHttp }: { allowHttp: boolean }): string {
  return [
    "default-src 'none'",
    "script-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src 'self' ${allowHttp ? 'https: http:' : 'https:'} data:`,
    "form-action 'none'",
    "frame-ancestors 'self'",
    "base-uri 'none'",
  ].join('; ');
}

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const config = c.get('config');
  const headers = c.res.headers;
  if (!headers.has('Content-Security-Policy')) {
    headers.set(
      'Content-Security-Policy',
      contentSecurityPolicy({ allowHttp: config?.atproto.allowHttp ?? false }),
    );
  }
  if (!headers.has('X-Frame-Options')) headers.set('X-Frame-Options', 'DENY');
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (config?.secure)
    headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
});
