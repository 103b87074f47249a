/**
 * Helpers for the site editor tests: a site claimed straight through the
 * data layer, with the template's default settings, for a signed-in owner.
 */
import { createSite } from '../../edge/db/sites';
import type { Site } from '../../core/records/sites';
import { findTemplate, type TemplateId } from '../../templates';
import { defaultSettings } from '../../templates/settings';
import { db } from './support';

/** A fresh, unique site name. */
export function testSiteName(prefix = 'site'): string {
  // A letter first: an all-digit suffix would read as a counter (`name-2`) to the suggestions.
  return `${prefix}-x${crypto.randomUUID().slice(0, 7)}`;
}

/** Creates a site for `ownerDid` as the "new site" form would. */
export async function createTestSite(
  ownerDid: string,
  template: TemplateId = 'blog',
  name = testSiteName(template),
): Promise<Site> {
  const definition = findTemplate(template)!;
  return createSite(
    db,
    { name, ownerDid, template, settings: defaultSettings(definition.settings) },
    100,
  );
}
