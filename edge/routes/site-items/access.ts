/**
 * Finding what a site-content request is about: the site's template, the
 * item named in `:id` (only if it belongs to this site; anything else is a
 * 404, as if it did not exist), and the posted form as strings.
 */
import { findTemplate } from '../../../templates';
import type { TemplateDefinition } from '../../../templates/template';
import type { AppContext } from '../../context';
import { getItem } from '../../db/items';
import type { Site, SiteItem } from '../../../core/records/sites';
import { notFound, PageError } from '../../errors';
import { trashPath } from '../../../core/paths';

const ITEM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The site's template (checked when the site was made). */
export function templateOf(site: Site): TemplateDefinition {
  const template = findTemplate(site.template);
  if (!template) throw new Error(`site ${site.name} has unknown template ${site.template}`);
  return template;
}

/** The item named in `:id`, if it is this site's (in the trash or not); otherwise a 404. */
export async function siteItem(c: AppContext, site: Site): Promise<SiteItem> {
  const id = c.req.param('id') ?? '';
  const item = ITEM_ID.test(id) ? await getItem(c.var.db, site.name, id) : undefined;
  if (!item) throw notFound();
  return item;
}

const inTrash = (site: Site) =>
  new PageError(404, {
    title: 'This is in the trash',
    message: 'It was deleted. Restore it from the trash to see or edit it again.',
    action: { href: trashPath(site.name), label: 'Go to the trash' },
  });

/** The item named in `:id`, outside the trash. */
export async function liveItem(c: AppContext, site: Site): Promise<SiteItem> {
  const item = await siteItem(c, site);
  if (item.deletedAt) throw inTrash(site);
  return item;
}
