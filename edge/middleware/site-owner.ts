/**
 * Sites are their owner's alone. `ownSite` loads the site named in `:name`
 * and lets the request through only for its owner, who must still be a
 * member; for anyone else (admins included) the site, its items and its
 * preview answer 404, exactly as a name nobody claimed does.
 */
import { createMiddleware } from 'hono/factory';
import { isSiteName } from '../../core/site-address';
import type { AppContext, AppEnv } from '../context';
import { getSite } from '../db/sites';
import type { Site } from '../../core/records/sites';
import { notFound } from '../errors';
import { requireMember } from './access';

export const ownSite = createMiddleware<AppEnv>(async (c, next) => {
  const viewer = requireMember(c);
  const name = c.req.param('name') ?? '';
  const site = isSiteName(name) ? await getSite(c.var.db, name) : undefined;
  if (!site || site.ownerDid !== viewer.member.did) throw notFound();
  c.set('site', site);
  c.header('Cache-Control', 'private, no-store');
  c.header('Vary', 'Cookie');
  await next();
});

/** The site `ownSite` loaded for this request. */
export function currentSite(c: AppContext): Site {
  const site = c.var.site;
  if (!site) throw new Error('ownSite middleware did not run');
  return site;
}
