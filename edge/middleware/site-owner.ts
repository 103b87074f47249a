/**
 * Sites are their owner's alone. `ownSite` runs once in front of every route
 * of the site sub-app: it loads the site named in `:name` and its template,
 * and lets the request through only for its owner, who must still be a
 * member. For anyone else (admins included) the site, its items and its
 * preview answer 404, exactly as a name nobody claimed does. Handlers read
 * `c.get('site')` and `c.get('template')`, typed as present.
 */
import { createMiddleware } from 'hono/factory';
import { isSiteName } from '../../core/site-address';
import { findTemplate } from '../../templates';
import type { SiteEnv } from '../context';
import { getSite } from '../db/sites';
import { notFound } from '../errors';
import { requireMember } from './access';

export const ownSite = createMiddleware<SiteEnv>(async (c, next) => {
  const { member } = requireMember(c);
  const name = c.req.param('name') ?? '';
  const site = isSiteName(name) ? await getSite(c.get('db'), name) : undefined;
  if (!site || site.ownerDid !== member.did) throw notFound();
  // Checked when the site was made; missing only if a template was removed from the code.
  const template = findTemplate(site.template);
  if (!template) throw new Error(`site ${site.name} has unknown template ${site.template}`);
  c.set('member', member);
  c.set('site', site);
  c.set('template', template);
  c.header('Cache-Control', 'private, no-store');
  c.header('Vary', 'Cookie');
  await next();
});
