/**
 * Deleting and restoring a site's items: a confirmation page, then the
 * trash (`/sites/:name/trash`), which keeps each item (and its address) for
 * 30 days and shows the day it will be deleted for good.
 */
import { Hono } from 'hono';
import type { SiteEnv } from '../../context';
import { listItems, restoreItem, trashItem } from '../../db/items';
import { notFound } from '../../errors';
import { renderPage } from '../../render';
import { DeleteItemPage } from '../../../views/pages/site-items/delete';
import { itemPath, sitePath } from '../../../core/paths';
import { TrashPage } from '../../../views/pages/site-items/trash';
import { liveItem, siteItem } from './item-access';

export const trash = new Hono<SiteEnv>()
  .get('/items/:id/delete', async (c) => {
    const site = c.get('site');
    const item = await liveItem(c);
    return renderPage(
      c,
      { title: `Delete “${item.title}”` },
      <DeleteItemPage site={site.name} item={item} csrfToken={c.get('csrfToken')} />,
    );
  })
  .post('/items/:id/delete', async (c) => {
    const site = c.get('site');
    const item = await siteItem(c);
    // Already in the trash (a second tab, a double press): it is where it should be.
    if (!item.deletedAt && !(await trashItem(c.get('db'), site.name, item.id))) throw notFound();
    return c.redirect(`${sitePath(site.name)}?trashed`, 303);
  })
  .get('/trash', async (c) => {
    const site = c.get('site');
    const contents = await listItems(c.get('db'), site.name);
    return renderPage(
      c,
      { title: `Trash · ${site.name}` },
      <TrashPage
        site={site.name}
        template={c.get('template')}
        items={contents.trash}
        csrfToken={c.get('csrfToken')}
      />,
    );
  })
  .post('/items/:id/restore', async (c) => {
    const site = c.get('site');
    const item = await siteItem(c);
    // Restored already (another tab): just open it.
    if (!item.deletedAt) return c.redirect(itemPath(site.name, item.id), 303);
    const restored = await restoreItem(c.get('db'), site.name, item.id);
    if (!restored) throw notFound();
    const moved = restored.slug !== item.slug ? '=moved' : '';
    return c.redirect(`${itemPath(site.name, item.id)}?restored${moved}`, 303);
  });
