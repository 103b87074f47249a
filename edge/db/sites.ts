/**
 * Members' sites. A site is claimed by creating its item conditionally, so
 * two people can never hold the same name; each member's site count is a
 * counter raised only while below the neighborhood's limit, so the limit
 * holds even when two tabs create sites at once. No transactions: a claim
 * that fails after the count was raised gives the slot back.
 */
import { isConditionFailure, type Dynamo } from './dynamo';
import { siteCountKey, siteKey, siteRecord, toSite, type Site } from './site-records';

/** The name was claimed by someone else (perhaps between loading the form and sending it). */
export class NameTaken extends Error {
  override name = 'NameTaken';
}

/** The member already has as many sites as the neighborhood allows. */
export class SiteLimitReached extends Error {
  override name = 'SiteLimitReached';
  constructor(readonly limit: number) {
    super(`site limit ${limit} reached`);
  }
}

export async function getSite(db: Dynamo, name: string): Promise<Site | undefined> {
  return toSite(await db.get(siteKey(name)));
}

async function countSite(db: Dynamo, did: string, delta: 1 | -1, limit?: number): Promise<void> {
  await db.update(siteCountKey(did), 'ADD #count :delta', {
    names: { '#count': 'count' },
    values: { ':delta': delta, ...(limit !== undefined && { ':limit': limit }) },
    ...(limit !== undefined && {
      condition: 'attribute_not_exists(#count) OR #count < :limit',
    }),
  });
}

/**
 * Claims `site.name` for its owner, if the name is free and the owner has
 * fewer than `limit` sites; throws `NameTaken` or `SiteLimitReached`.
 */
export async function createSite(
  db: Dynamo,
  site: Pick<Site, 'name' | 'ownerDid' | 'template' | 'settings'>,
  limit: number,
): Promise<Site> {
  try {
    await countSite(db, site.ownerDid, 1, limit);
  } catch (error) {
    if (isConditionFailure(error)) throw new SiteLimitReached(limit);
    throw error;
  }
  const now = new Date().toISOString();
  const created: Site = { ...site, createdAt: now, updatedAt: now, version: 1 };
  try {
    await db.put(siteRecord(created), { condition: 'attribute_not_exists(pk)' });
  } catch (error) {
    await countSite(db, site.ownerDid, -1);
    if (isConditionFailure(error)) throw new NameTaken(site.name);
    throw error;
  }
  return created;
}
