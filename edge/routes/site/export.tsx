/**
 * A site's ZIP (`POST /sites/:name/export`): the builder packs the live
 * files and the source and answers a signed address valid for ten minutes,
 * and the owner's browser is sent straight there (303), so the download
 * starts without the Worker carrying the file. Packing a big site takes a
 * while, so the builder is given longer than a preview. Each member may ask
 * for `limits.siteExport.max` an hour; the builder failing gives a page
 * saying nothing changed.
 */
import { Hono } from 'hono';
import { settingsPath } from '../../../core/paths';
import { BuilderFailure, invokeBuilder } from '../../builder';
import type { SiteContext, SiteEnv } from '../../context';
import { allow, limits, secondsUntilReset } from '../../db/rate-limit';
import { notFound, PageError } from '../../errors';
import { builderFailurePage } from '../builder-answers';

/** How long the builder may take to pack and store a site's ZIP. */
export const EXPORT_TIMEOUT_MS = 25_000;

function tooMany(c: SiteContext) {
  const wait = secondsUntilReset(limits.siteExport);
  const minutes = Math.max(1, Math.ceil(wait / 60));
  c.header('Retry-After', String(wait));
  return new PageError(429, {
    title: 'Please wait a little',
    message: `You can download your sites up to ${limits.siteExport.max} times an hour, and you have reached that. You can download again in ${minutes === 1 ? 'a minute' : `about ${minutes} minutes`}.`,
    action: { href: settingsPath(c.get('site').name), label: 'Back to the settings' },
  });
}

function builderDown(c: SiteContext, error: BuilderFailure) {
  return builderFailurePage(error, {
    slowTitle: 'Your download is taking too long',
    downTitle: 'Your download is not available right now',
    task: 'finish making your ZIP',
    problem: 'making your ZIP',
    reassurance: 'Nothing on your site has changed.',
    back: { href: settingsPath(c.get('site').name), label: 'Back to the settings' },
  });
}

export const siteExport = new Hono<SiteEnv>().post('/', async (c) => {
  const db = c.get('db');
  const member = c.get('member');
  const site = c.get('site');
  const config = c.get('config');
  if (!(await allow(db, limits.siteExport, member.did))) throw tooMany(c);
  let answer;
  try {
    answer = await invokeBuilder(
      config,
      { kind: 'export', site: site.name },
      { timeoutMs: EXPORT_TIMEOUT_MS },
    );
  } catch (error) {
    if (error instanceof BuilderFailure) throw builderDown(c, error);
    throw error;
  }
  if (answer.kind === 'no-site') throw notFound();
  return c.redirect(answer.url, 303);
});
