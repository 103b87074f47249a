/**
 * Which sites the neighborhood shows as published, and how the table lists
 * them. A site is published when its `SITE` record has a live build
 * (`liveDeploy`, with `publishedAt`) and its owner is neither removed
 * (`offlineSince`) nor deleting it (`closedAt`): exactly when the host
 * serves it (`desiredPointer` in `deploys.ts`).
 *
 * The `SITE` record's `byTime` entry already lists it under its owner, so
 * the neighborhood-wide list uses the other index, `byName`, whose
 * partition `PUBLISHED` holds one entry per published site, sorted by when
 * it was published. Every writer of `liveDeploy`, `publishedAt`,
 * `offlineSince` or `closedAt` keeps those two attributes in step by
 * calling `publishedIndexAttributes` with the site as it will be stored:
 * SET `gsi2pk` and `gsi2sk` to what it answers, or REMOVE both when it
 * answers undefined. Readers check `isPublished` on what they read as well,
 * so an entry that a racing writer left behind is never shown.
 */
import type { Site } from './sites';

/** The `byName` index partition listing published sites, newest `gsi2sk` last. */
export const PUBLISHED_LIST = 'PUBLISHED';

type PublishFacts = Pick<Site, 'name' | 'liveDeploy' | 'publishedAt' | 'offlineSince' | 'closedAt'>;

/** Whether visitors can reach `site` at its address. */
export const isPublished = (site: Partial<PublishFacts> | undefined): boolean =>
  !!site && !!site.liveDeploy && !!site.publishedAt && !site.offlineSince && !site.closedAt;

/**
 * The index attributes that list `site` as published, or undefined when it
 * is not (then both attributes must be removed from its record).
 */
export function publishedIndexAttributes(
  site: PublishFacts,
): { gsi2pk: string; gsi2sk: string } | undefined {
  if (!isPublished(site)) return undefined;
  return { gsi2pk: PUBLISHED_LIST, gsi2sk: `${site.publishedAt}#${site.name}` };
}
