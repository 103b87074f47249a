/**
 * A site's dashboard (`/sites/:name`): its address and whether it is
 * published, its latest deploy, its tools, and its entries and pages.
 */
import { Hono } from 'hono';
import { desiredPointer } from '../../../core/records/deploys';
import { siteTitle } from '../../../core/site-title';
import { siteUrl } from '../../../core/site-address';
import { DashboardPage } from '../../../views/pages/site-items/dashboard';
import type { SiteEnv } from '../../context';
import { latestDeploy } from '../../db/deploys';
import { listItems } from '../../db/items';
import { renderPage } from '../../render';

export const dashboard = new Hono<SiteEnv>().get('/', async (c) => {
  const site = c.get('site');
  const template = c.get('template');
  const db = c.get('db');
  const config = c.get('config');
  const [contents, latest] = await Promise.all([
    listItems(db, site.name),
    latestDeploy(db, site.name),
  ]);
  return renderPage(
    c,
    { title: siteTitle(site) },
    <DashboardPage
      site={site}
      template={template}
      url={siteUrl(config.sitesUrl, site.name)}
      contents={contents}
      trashed={c.req.query('trashed') !== undefined}
      publishing={{
        published: desiredPointer(site) !== undefined,
        latest,
        csrfToken: c.get('csrfToken'),
      }}
    />,
  );
});
