/**
 * Security headers on every response the Worker makes: a strict Content
 * Security Policy (no inline script or style, nothing from elsewhere but
 * avatar images), no framing, no sniffing, and HSTS when served over https.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

export function contentSecurityPolicy({ allowHttp }: { allowHttp: boolean }): string {
  // Avatars live on members' own servers; sign-in forms redirect to their PDS.
  const remote = allowHttp ? 'https: http:' : 'https:';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' ${remote}`,
    "connect-src 'self'",
    `form-action 'self' ${remote}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const { config } = c.var;
  const headers = c.res.headers;
  headers.set(
    'Content-Security-Policy',
    contentSecurityPolicy({ allowHttp: config?.atproto.allowHttp ?? false }),
  );
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Referrer-Policy', 'same-origin');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (config?.secure)
    headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
});
