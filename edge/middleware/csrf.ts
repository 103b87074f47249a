/**
 * CSRF protection for every state-changing request. Forms carry a token
 * bound to the browser's session (or, before sign-in, to a random
 * pre-session cookie); a request whose token does not verify is refused
 * with a page that says how to recover. An `Origin` header, when a browser
 * sends one, must also be ours.
 */
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { csrfToken, verifyCsrfToken } from '../auth/csrf';
import type { AppEnv } from '../context';
import { PageError } from '../errors';
import { CSRF_FIELD } from '../../views/components/csrf-field';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const UUID = /^[0-9a-f-]{36}$/;

export const preSessionCookieName = (secure: boolean) =>
  secure ? '__Host-nbhd_presession' : 'nbhd_presession';

const expiredForm = () =>
  new PageError(403, {
    title: 'That form has expired',
    message:
      'For your safety we could not accept that form: it was opened in another session, or your browser did not send its cookie. Go back, reload the page and try again. Signing in needs cookies to be allowed for this site.',
  });

export const csrf = createMiddleware<AppEnv>(async (c, next) => {
  const config = c.get('config');
  const viewer = c.get('viewer');
  let binding = viewer?.session.id;
  if (!binding) {
    const name = preSessionCookieName(config.secure);
    binding = getCookie(c, name);
    if (!binding || !UUID.test(binding)) {
      binding = crypto.randomUUID();
      setCookie(c, name, binding, {
        path: '/',
        httpOnly: true,
        secure: config.secure,
        sameSite: 'Lax',
      });
    }
  }
  c.set('csrfToken', await csrfToken(config.sessionSecret, binding));

  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(config.publicUrl).origin) throw expiredForm();
    const type = c.req.header('content-type') ?? '';
    const isForm = /^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(type);
    const token = isForm ? (await c.req.parseBody())[CSRF_FIELD] : c.req.header('x-csrf-token');
    if (
      typeof token !== 'string' ||
      !(await verifyCsrfToken(config.sessionSecret, binding, token))
    ) {
      throw expiredForm();
    }
  }
  await next();
});
