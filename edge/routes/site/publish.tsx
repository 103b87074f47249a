/**
 * Publishing a site and taking it off the web. `POST /publish` starts a
 * build and hands it to the builder's queue, then always goes to the
 * deploy's page, which follows it to the end; pressed again while a build
 * runs (a double click, a second tab) it goes to the running one instead.
 * `/unpublish` asks first, then has the builder take the site off the host.
 */
import { Hono } from 'hono';
import { deployPath, deploysPath } from '../../../core/paths';
import { siteUrl } from '../../../core/site-address';
import { UnpublishPage } from '../../../views/pages/sites/unpublish';
import { BuilderFailure, queueBuilderRequest } from '../../builder';
import type { SiteEnv } from '../../context';
import {
  BuildRunning,
  failDeploy,
  PublishLimitReached,
  SiteNotPublishable,
  startBuild,
} from '../../db/deploys';
import { notFound } from '../../errors';
import { renderPage } from '../../render';
import { askBuilder, publishLimit, UNREACHABLE_LOG } from './publishing-answers';

export const publish = new Hono<SiteEnv>()
  .post('/publish', async (c) => {
    const site = c.get('site');
    const member = c.get('member');
    const db = c.get('db');
    const config = c.get('config');
    let deploy;
    try {
      deploy = await startBuild(db, site, { did: member.did, handle: member.handle });
    } catch (error) {
      if (error instanceof BuildRunning) {
        return c.redirect(`${deployPath(site.name, error.deploy)}?running`, 303);
      }
      if (error instanceof PublishLimitReached) throw publishLimit(c, error.retryAfter);
      if (error instanceof SiteNotPublishable) throw notFound();
      throw error;
    }
    try {
      await queueBuilderRequest(config, { kind: 'publish', site: site.name, deploy: deploy.id });
    } catch (error) {
      if (!(error instanceof BuilderFailure)) throw error;
      // Even if the event did reach the builder, it skips a build that is no longer queued.
      await failDeploy(db, deploy, UNREACHABLE_LOG);
    }
    return c.redirect(deployPath(site.name, deploy.id), 303);
  })
  .get('/unpublish', (c) => {
    const site = c.get('site');
    const config = c.get('config');
    return renderPage(
      c,
      { title: `Unpublish ${site.name}` },
      <UnpublishPage
        site={site.name}
        url={siteUrl(config.sitesUrl, site.name)}
        csrfToken={c.get('csrfToken')}
      />,
    );
  })
  .post('/unpublish', async (c) => {
    const site = c.get('site');
    const member = c.get('member');
    const answer = await askBuilder(c, {
      kind: 'unpublish',
      site: site.name,
      by: { did: member.did, handle: member.handle },
    });
    if (answer.kind === 'no-site') throw notFound();
    return c.redirect(`${deploysPath(site.name)}?done=unpublished`, 303);
  });
