/**
 * A site's deploys: the history (`/sites/:name/deploys`), one deploy's page
 * (`/deploys/:id`, or just its changing part for htmx while it runs) and
 * restoring a kept build (`POST /deploys/:id/restore`), which the builder
 * does by moving the live pointer, without a rebuild. Showing a deploy or
 * the history first ends any build on it that never reported back.
 */
import { Hono } from 'hono';
import { deploysPath } from '../../../core/paths';
import { desiredPointer, isRunning, type Deploy } from '../../../core/records/deploys';
import { siteUrl } from '../../../core/site-address';
import {
  DEPLOY_POLL_SECONDS,
  DeployPage,
  DeployProgress,
  type DeployProps,
} from '../../../views/pages/sites/deploy';
import { HistoryPage } from '../../../views/pages/sites/history';
import { kindWords } from '../../../views/components/deploy-words';
import type { SiteContext, SiteEnv } from '../../context';
import { failOverdue, getDeploy, listDeploys } from '../../db/deploys';
import { notFound } from '../../errors';
import { isHtmx, renderPage } from '../../render';
import { askBuilder } from './publishing-answers';

/** What the history says after a restore or an unpublish, by the `done` its address carries. */
const notices: Record<string, string> = {
  restored:
    'Restored. Visitors get that version now; someone who opened a page in the last minute may need to reload it.',
  unpublished: 'Your site is off the web. Publish it, or restore a version, to bring it back.',
  unknown: 'We do not know that version, so nothing changed.',
  unfinished: 'That version never went live, so it cannot be restored. Nothing changed.',
  pruned:
    'That version’s files were removed (only the newest builds are kept), so it cannot be restored. Nothing changed.',
  live: 'That version is already the one visitors get.',
};

/** The deploy named in `:id`, if it is this site's; otherwise a 404. */
async function siteDeploy(c: SiteContext): Promise<Deploy> {
  const deploy = await getDeploy(c.get('db'), c.get('site').name, c.req.param('id') ?? '');
  if (!deploy) throw notFound();
  return deploy;
}

/** The build whose files visitors get now, if any (none while the site is off the web). */
const liveBuild = (c: SiteContext) => desiredPointer(c.get('site'));

export const deploys = new Hono<SiteEnv>()
  .get('/', async (c) => {
    const site = c.get('site');
    const db = c.get('db');
    const page = await listDeploys(db, site.name, c.req.query('after'));
    return renderPage(
      c,
      { title: `History · ${site.name}` },
      <HistoryPage
        site={site.name}
        deploys={page.items}
        next={page.next}
        liveDeploy={liveBuild(c)}
        notice={notices[c.req.query('done') ?? '']}
        csrfToken={c.get('csrfToken')}
      />,
    );
  })
  .get('/:id', async (c) => {
    const site = c.get('site');
    const db = c.get('db');
    const config = c.get('config');
    const deploy = await failOverdue(db, await siteDeploy(c));
    const props: DeployProps = {
      site: site.name,
      deploy,
      url: siteUrl(config.sitesUrl, site.name),
      liveNow: liveBuild(c) !== undefined && liveBuild(c) === (deploy.restoreOf ?? deploy.id),
      csrfToken: c.get('csrfToken'),
    };
    // One address for the page and its fragment: caches must tell them apart.
    c.header('Vary', 'HX-Request', { append: true });
    if (isHtmx(c)) return c.html(<DeployProgress {...props} />);
    const running = isRunning(deploy);
    return renderPage(
      c,
      {
        title: `${kindWords[deploy.kind]} of ${site.name}`,
        htmx: running,
        refresh: running ? DEPLOY_POLL_SECONDS : undefined,
      },
      <DeployPage {...props} alreadyRunning={c.req.query('running') !== undefined && running} />,
    );
  })
  .post('/:id/restore', async (c) => {
    const site = c.get('site');
    const member = c.get('member');
    const deploy = await siteDeploy(c);
    const answer = await askBuilder(c, {
      kind: 'restore',
      site: site.name,
      deploy: deploy.id,
      by: { did: member.did, handle: member.handle },
    });
    if (answer.kind === 'no-site') throw notFound();
    const done = answer.kind === 'restored' ? 'restored' : answer.reason;
    return c.redirect(`${deploysPath(site.name)}?done=${done}`, 303);
  });
