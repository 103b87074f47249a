/**
 * Who may do what, checked on the server for every request, never only by
 * hiding buttons. Signed-out people are sent to sign in; non-members are
 * told the page is for members; non-admins get a plain 404 for admin pages
 * and actions, as if they did not exist.
 */
import { createMiddleware } from 'hono/factory';
import type { AdminEnv, AppContext, AppEnv, MemberEnv } from '../context';
import { isAdmin, isMember, type Member } from '../../core/records/members';
import { notFound, PageError } from '../errors';
import type { Viewer } from '../../core/records/sessions';

export const signInFirst = (path: string) =>
  new PageError(401, {
    title: 'Please sign in first',
    message: 'This page is for people signed in to the neighborhood.',
    action: { href: `/?next=${encodeURIComponent(path)}#sign-in-heading`, label: 'Sign in' },
  });

export const membersOnlyError = () =>
  new PageError(403, {
    title: 'For members only',
    message:
      'Only members of the neighborhood can do this. The front page says how to join; if you asked to join, an admin will answer soon.',
    action: { href: '/', label: 'See how to join' },
  });

/** The signed-in viewer, or a "sign in first" page (GET) / error (POST). */
export function requireViewer<E extends AppEnv>(c: AppContext<E>): Viewer {
  const viewer = c.get('viewer');
  if (!viewer) throw signInFirst(c.req.method === 'GET' ? c.req.path : '/');
  return viewer;
}

/** The viewer, who must be a member (not a visitor, not pending, not removed). Reusable by any feature. */
export function requireMember<E extends AppEnv>(c: AppContext<E>): Viewer & { member: Member } {
  const viewer = requireViewer(c);
  if (!isMember(viewer.member)) throw membersOnlyError();
  return viewer;
}

/** The viewer, who must be an admin; anyone else gets a 404. */
export function requireAdmin<E extends AppEnv>(c: AppContext<E>): Viewer {
  const viewer = c.get('viewer');
  if (!isAdmin(viewer?.member)) throw notFound();
  return viewer!;
}

/** Members only (others see the sign-in or members-only page); sets `member`; never cached. */
export const membersOnly = createMiddleware<MemberEnv>(async (c, next) => {
  c.set('member', requireMember(c).member);
  c.header('Cache-Control', 'private, no-store');
  c.header('Vary', 'Cookie');
  await next();
});

/** Admins only (anyone else gets a 404); sets `admin`; never cached. */
export const adminsOnly = createMiddleware<AdminEnv>(async (c, next) => {
  c.set('admin', requireAdmin(c));
  c.header('Cache-Control', 'private, no-store');
  await next();
});
