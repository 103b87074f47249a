/**
 * Finding the item a site route is about: the one named in `:id`, only if
 * it belongs to this site (anything else is a 404, as if it did not exist),
 * and, for the editor, only outside the trash.
 */
import { trashPath } from '../../../core/paths';
import type { SiteItem } from '../../../core/records/sites';
import type { SiteContext } from '../../context';
import { getItem } from '../../db/items';
import { notFound, PageError } from '../../errors';

const ITEM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The item named in `:id`, if it is this site's (in the trash or not); otherwise a 404. */
export async function siteItem(c: SiteContext): Promise<SiteItem> {
  const id = c.req.param('id') ?? '';
  const item = ITEM_ID.test(id) ? await getItem(c.get('db'), c.get('site').name, id) : undefined;
  if (!item) throw notFound();
  return item;
}

const inTrash = (site: string) =>
  new PageError(404, {
    title: 'This is in the trash',
    message: 'It was deleted. Restore it from the trash to see or edit it again.',
    action: { href: trashPath(site), label: 'Go to the trash' },
  });

/** The item named in `:id`, outside the trash. */
export async function liveItem(c: SiteContext): Promise<SiteItem> {
  const item = await siteItem(c);
  if (item.deletedAt) throw inTrash(c.get('site').name);
  return item;
}
