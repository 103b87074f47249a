/**
 * Where a site's editor pages live, and where the preview shows an item:
 * entries at `<entry path>/<slug>/`, pages at `<slug>/`. A draft is
 * previewed through the draft path, which renders the site as if it were
 * ready; a ready item is seen in the site's own preview.
 */
import type { SiteItem } from '../../../edge/db/site-records';
import type { TemplateDefinition } from '../../../templates/template';

export const sitePath = (site: string) => `/sites/${site}`;
export const trashPath = (site: string) => `/sites/${site}/trash`;
export const newItemPath = (site: string, kind: 'entry' | 'page') =>
  `/sites/${site}/items/new?kind=${kind}`;
export const itemPath = (site: string, id: string) => `/sites/${site}/items/${id}`;
export const settingsPath = (site: string) => `/sites/${site}/settings`;
export const sitePreviewPath = (site: string) => `/sites/${site}/preview/`;

/** The item's address inside its site, relative to the site's root. */
export function itemPagePath(
  template: Pick<TemplateDefinition, 'entry'>,
  item: Pick<SiteItem, 'kind' | 'slug'>,
): string {
  return item.kind === 'entry' ? `${template.entry.path}/${item.slug}/` : `${item.slug}/`;
}

/** The preview of this item: its page in the draft preview, or in the site's preview once ready. */
export function itemPreviewPath(
  site: string,
  template: Pick<TemplateDefinition, 'entry'>,
  item: Pick<SiteItem, 'id' | 'kind' | 'slug' | 'status'>,
): string {
  const page = itemPagePath(template, item);
  return item.status === 'draft'
    ? `/sites/${site}/preview/draft/${item.id}/${page}`
    : `${sitePreviewPath(site)}${page}`;
}
