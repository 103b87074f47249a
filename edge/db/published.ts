/**
 * The neighborhood's published sites, newest first, from the `byName`
 * index's `PUBLISHED` partition (`core/records/published.ts`): one Query,
 * reading only what a link needs. Each entry is checked again on reading,
 * so a site that was taken offline or closed since its entry was written is
 * never shown.
 */
import { isPublished, PUBLISHED_LIST } from '../../core/records/published';
import type { Site } from '../../core/records/sites';
import type { Dynamo } from './dynamo';

/** What a link to a published site needs. */
export type PublishedSite = Pick<Site, 'name' | 'ownerDid' | 'publishedAt'>;

const attributes = ['name', 'ownerDid', 'liveDeploy', 'publishedAt', 'offlineSince', 'closedAt'];

/** The `limit` most recently published sites. */
export async function listPublished(db: Dynamo, limit: number): Promise<PublishedSite[]> {
  const page = await db.page<Partial<Site> & { sk: string }>(PUBLISHED_LIST, {
    index: 'byName',
    newestFirst: true,
    limit,
    attributes,
  });
  return page.items
    .filter((r) => r.sk === 'SITE' && isPublished(r))
    .map((r) => ({ name: r.name!, ownerDid: r.ownerDid!, publishedAt: r.publishedAt! }));
}
