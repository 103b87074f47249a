/**
 * Members' sites: reading one by name. Creating, listing and saving
 * settings build on the layout in `site-records.ts`.
 */
import type { Dynamo } from './dynamo';
import { siteKey, toSite, type Site } from './site-records';

export async function getSite(db: Dynamo, name: string): Promise<Site | undefined> {
  return toSite(await db.get(siteKey(name)));
}
