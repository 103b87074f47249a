/**
 * What a person calls a site: its title, as the owner set it in the
 * settings. The name is the site's address, shown under the title; a site
 * whose title is blank falls back to its name so it is never shown empty.
 */
import type { Site } from './records/sites';

/** The site's title, or its name when the title is blank. */
export function siteTitle(site: Pick<Site, 'name' | 'settings'>): string {
  const title = site.settings.title;
  return typeof title === 'string' && title.trim() !== '' ? title.trim() : site.name;
}
