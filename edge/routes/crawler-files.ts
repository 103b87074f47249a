/**
 * The files browsers and crawlers ask for on their own, answered before
 * the services and session middleware (no cookie read or set, no database
 * read): `/favicon.ico`, sent on to the content-hashed icon among the
 * static assets instead of costing a 404 page.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { assetPath } from '../../views/asset-paths';

/** How long a browser keeps the icon's redirect: a week, as the icon's name changes with a deploy. */
const FAVICON_REDIRECT_CACHE = 'public, max-age=604800';

export const crawlerFiles = new Hono<AppEnv>().get('/favicon.ico', (c) => {
  c.header('Cache-Control', FAVICON_REDIRECT_CACHE);
  return c.redirect(assetPath('favicon.svg'), 301);
});
