/**
 * Deleting and restoring a site's items: a confirmation page, then the
 * trash, which keeps each item (and its address) for 30 days and shows the
 * day it will be deleted for good. Owners only, like the rest of the site.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { listItems, restoreItem, trashItem } from '../../db/items';
import { notFound } from '../../errors';
import { currentSite, ownSite } from '../../middleware/site-owner';
import { renderPage } from '../../render';
import { DeleteItemPage } from '../../../views/pages/site-items/delete';
import { itemPath, sitePath } from '../../../core/paths';
import { TrashPage } from '../../../views/pages/site-items/trash';
import { liveItem, siteItem, templateOf } from './access';

export const siteTrash = new Hono<AppEnv>()
  .get('/sites/:name/items/:id/delete', ownSite, async (c) => {
    const site = currentSite(c);
    const item = await liveItem(c, site);
    return renderPage(
      c,
      { title: `Delete “${item.title}”` },
      <DeleteItemPage site={site.name} item={item} csrfToken={c.var.csrfToken} />,
    );
  })
  .post('/sites/:name/items/:id/delete', ownSite, async (c) => {
    const site = currentSite(c);
    const item = await siteItem(c, site);
    // Already in the trash (a second tab, a double press): it is where it should be.
    if (!item.deletedAt && !(await trashItem(c.var.db, site.name, item.id))) throw notFound();
    return c.redirect(`${sitePath(site.name)}?trashed`, 303);
  })
  .get('/sites/:name/trash', ownSite, async (c) => {
    const site = currentSite(c);
    const { trash } = await listItems(c.var.db, site.name);
    return renderPage(
      c,
      { title: `Trash · ${site.name}` },
      <TrashPage
        site={site.name}
        template={templateOf(site)}
        items={trash}
        csrfToken={c.var.csrfToken}
      />,
    );
  })
  .post('/sites/:name/items/:id/restore', ownSite, async (c) => {
    const site = currentSite(c);
    const item = await siteItem(c, site);
    // Restored already (another tab): just open it.
    if (!item.deletedAt) return c.redirect(itemPath(site.name, item.id), 303);
    const restored = await restoreItem(c.var.db, site.name, item.id);
    if (!restored) throw notFound();
    const moved = restored.slug !== item.slug ? '=moved' : '';
    return c.redirect(`${itemPath(site.name, item.id)}?restored${moved}`, 303);
  });
