/** A site's dashboard (`/sites/:name`): its address, its tools, and its entries and pages. */
import { Hono } from 'hono';
import { siteUrl } from '../../../core/site-address';
import { DashboardPage } from '../../../views/pages/site-items/dashboard';
import type { SiteEnv } from '../../context';
import { listItems } from '../../db/items';
import { renderPage } from '../../render';

export const dashboard = new Hono<SiteEnv>().get('/', async (c) => {
  const { site, template, db, config } = c.var;
  const contents = await listItems(db, site.name);
  return renderPage(
    c,
    { title: site.name },
    <DashboardPage
      site={site}
      template={template}
      url={siteUrl(config.sitesUrl, site.name)}
      contents={contents}
      trashed={c.req.query('trashed') !== undefined}
    />,
  );
});
