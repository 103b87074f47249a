/**
 * Members' sites. A site is claimed by creating its item conditionally, so
 * two people can never hold the same name; each member's site count is a
 * counter raised only while below the neighborhood's limit, so the limit
 * holds even when two tabs create sites at once. No transactions: a claim
 * that fails after the count was raised gives the slot back. A count whose
 * answer was lost is not replayed (`DynamoUncertainWrite`): the member may
 * have one slot fewer, never one more. A member's
 * sites are listed from the `byTime` index; settings are saved only over the
 * version they were read at.
 */
import type { Settings } from '../../templates/settings';
import { conditionally, VersionConflict } from './conditional';
import { DynamoUncertainWrite, type Dynamo } from './dynamo';
import { epochSeconds } from '../../core/records/time';
import { publishedIndexAttributes } from '../../core/records/published';
import {
  nameIsFree,
  ownerSitesPartition,
  siteCountKey,
  siteKey,
  siteRecord,
  toSite,
  type Site,
} from '../../core/records/sites';

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

/** Someone else saved the site's settings since they were read; `current` is the site now. */
export class SiteVersionConflict extends VersionConflict<Site> {}

/** The site named `name`, or undefined if nobody claimed it. */
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
  const counted = await conditionally(countSite(db, site.ownerDid, 1, limit));
  if (!counted.written) throw new SiteLimitReached(limit);
  const now = new Date().toISOString();
  const created: Site = { ...site, createdAt: now, updatedAt: now, version: 1 };
  let claimed: boolean;
  try {
    claimed = await claimName(db, created);
  } catch (error) {
    // A claim still unsettled keeps the slot: one fewer for the member, never one more.
    if (!(error instanceof DynamoUncertainWrite)) await countSite(db, site.ownerDid, -1);
    throw error;
  }
  if (!claimed) {
    await countSite(db, site.ownerDid, -1);
    throw new NameTaken(site.name);
  }
  return created;
}

/**
 * Writes the new site's item if nobody holds the name: true if written,
 * false if the name is taken. A write whose answer was lost
 * (`DynamoUncertainWrite`) is settled by reading the name back: the claim is
 * ours if what is stored is this site (same owner, same moment), someone
 * else's if it is another; with nothing stored it was not written, and its
 * failure is thrown. Only if the read fails too does the uncertainty stand.
 */
async function claimName(db: Dynamo, created: Site): Promise<boolean> {
  try {
    // A deleted account's name is held until its record expires (`nameIsFree`).
    const put = db.put(siteRecord(created), {
      condition: 'attribute_not_exists(pk) OR #expiresAt <= :now',
      names: { '#expiresAt': 'expiresAt' },
      values: { ':now': epochSeconds(new Date()) },
    });
    return (await conditionally(put)).written;
  } catch (error) {
    if (!(error instanceof DynamoUncertainWrite)) throw error;
    const stored = await getSite(db, created.name).catch(() => {
      throw error;
    });
    if (!stored) throw error.cause;
    return stored.ownerDid === created.ownerDid && stored.createdAt === created.createdAt;
  }
}

/** A member's own sites, oldest first, from the `byTime` index (one Query, no scan). */
export async function listOwnerSites(db: Dynamo, ownerDid: string): Promise<Site[]> {
  const sites: Site[] = [];
  let cursor: string | undefined;
  do {
    const page = await db.page(ownerSitesPartition(ownerDid), { index: 'byTime', cursor });
    for (const record of page.items) {
      const site = toSite(record);
      if (site) sites.push(site);
    }
    cursor = page.next;
  } while (cursor);
  return sites;
}

/**
 * Takes every site of `did` offline (their owner was removed), or brings
 * them back (the removal was lifted), by setting or clearing `offlineSince`
 * on each, with the published list's entry (`core/records/published.ts`)
 * following. This is the one place removal reaches sites; it returns their
 * names so the caller can have the host follow too (the builder's `sync`
 * makes the live pointer match `desiredPointer`).
 */
export async function setSitesOffline(
  db: Dynamo,
  did: string,
  offline: boolean,
): Promise<string[]> {
  const names: string[] = [];
  for (const site of await listOwnerSites(db, did)) {
    const listed = offline
      ? undefined
      : publishedIndexAttributes({ ...site, offlineSince: undefined });
    const expression = offline
      ? 'SET #off = if_not_exists(#off, :now) REMOVE #g2pk, #g2sk'
      : listed
        ? 'REMOVE #off SET #g2pk = :g2pk, #g2sk = :g2sk'
        : 'REMOVE #off, #g2pk, #g2sk';
    await conditionally(
      db.update(siteKey(site.name), expression, {
        condition: 'attribute_exists(pk)',
        names: { '#off': 'offlineSince', '#g2pk': 'gsi2pk', '#g2sk': 'gsi2sk' },
        ...(offline && { values: { ':now': new Date().toISOString() } }),
        ...(listed && { values: { ':g2pk': listed.gsi2pk, ':g2sk': listed.gsi2sk } }),
      }),
    );
    names.push(site.name);
  }
  return names;
}

/** Gives back one of the member's site slots (their site was deleted). */
export const releaseSiteSlot = (db: Dynamo, did: string) => countSite(db, did, -1);

/**
 * The first of `candidates` nobody has claimed (nor holds, for a deleted
 * account), checked in one batch read; undefined when every one is taken.
 */
export async function firstFreeName(
  db: Dynamo,
  candidates: readonly string[],
): Promise<string | undefined> {
  if (!candidates.length) return undefined;
  const found = await db.getMany(candidates.map(siteKey));
  const now = new Date();
  return candidates.find((_, i) => nameIsFree(found[i], now));
}

/**
 * Saves a site's settings if nobody saved since `expectedVersion` was read;
 * otherwise throws `SiteVersionConflict` with the site as it is now. Only the
 * settings change, so whatever else the site item holds is left alone.
 */
export async function saveSiteSettings(
  db: Dynamo,
  name: string,
  settings: Settings,
  expectedVersion: number,
): Promise<Site> {
  const update = await conditionally(
    db.update(siteKey(name), 'SET #settings = :settings, #updatedAt = :now, #version = :next', {
      condition: '#version = :version',
      names: { '#settings': 'settings', '#updatedAt': 'updatedAt', '#version': 'version' },
      values: {
        ':settings': settings,
        ':now': new Date().toISOString(),
        ':version': expectedVersion,
        ':next': expectedVersion + 1,
      },
    }),
  );
  if (!update.written) throw new SiteVersionConflict(await getSite(db, name));
  return toSite(update.value)!;
}
