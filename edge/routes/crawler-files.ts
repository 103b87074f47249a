/**
 * The two files browsers and crawlers ask for on their own, answered before
 * the services and session middleware (no cookie read or set, no database
 * read): `/favicon.ico`, sent on to the content-hashed icon among the
 * static assets instead of costing a 404 page, and `/robots.txt`.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
// The build's list of content-hashed asset names, the one the layout links from.
import assets from '../../dist/asset-manifest.json';

/** How long a browser keeps the icon's redirect: a week, as the icon's name changes with a deploy. */
const FAVICON_REDIRECT_CACHE = 'public, max-age=604800';

/**
 * The public pages (the front page, the directory and profiles when the
 * neighborhood shows them, the template gallery and its samples) may be
 * indexed; a person's own pages, the admin pages, the site editor with its
 * previews, and the sign-in and invitation addresses are nobody's search
 * result. Members' published sites live on their own addresses, each with
 * its own robots.txt.
 */
export const ROBOTS_TXT = [
  'User-agent: *',
  'Disallow: /me',
  // The longest matching rule wins (RFC 9309), so the directory is not taken for `/me`.
  'Allow: /members',
  'Disallow: /admin',
  'Disallow: /sites',
  'Disallow: /login',
  'Disallow: /oauth/',
  'Disallow: /invitations/',
  'Disallow: /health',
  'Allow: /',
  '',
].join('\n');

export const crawlerFiles = new Hono<AppEnv>()
  .get('/favicon.ico', (c) => {
    c.header('Cache-Control', FAVICON_REDIRECT_CACHE);
    return c.redirect(assets['favicon.svg'], 301);
  })
  .get('/robots.txt', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.text(ROBOTS_TXT);
  });
