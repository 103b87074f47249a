/**
 * Slugs unique within a site, without transactions: a slug is claimed by
 * creating `SLUG#<slug>` conditionally before the item that uses it is
 * written, and given back if that write fails. A trashed item keeps its
 * claim; the claim then carries the same `expiresAt` as the item, so TTL
 * purges both together, and readers treat both as gone once it has passed.
 * A claim whose item no longer holds it (a crash between steps, a lost
 * release) is taken over once it is a minute old.
 */
import { reservedPageSlugs } from '../../templates/content';
import { conditionally } from './conditional';
import type { Dynamo, PutOptions } from './dynamo';
import { epochSeconds } from '../../core/records/time';
import { isPurged, itemKey, slugKey, toSiteItem, type SiteItem } from '../../core/records/sites';

/** Why a slug cannot be used: another item has it, an item in the trash keeps it, or pages may not. */
export type SlugProblem = 'taken' | 'trash' | 'reserved';

/** The slug is not free for this item. */
export class SlugTaken extends Error {
  override name = 'SlugTaken';
  constructor(
    readonly slug: string,
    readonly problem: SlugProblem,
  ) {
    super(`slug ${slug} is ${problem}`);
  }
}

/** The record that makes a slug unique within its site. */
interface SlugClaim {
  itemId: string;
  claimedAt: string;
  expiresAt?: number;
}

/** A claim younger than this may belong to a save still in progress, so it is never taken over. */
const CLAIM_GRACE_MS = 60_000;

/** One item of the site as stored (in the trash or not), unless it is not there or was purged. */
export async function storedItem(
  db: Dynamo,
  site: string,
  id: string,
  now = new Date(),
): Promise<SiteItem | undefined> {
  const item = toSiteItem(await db.get(itemKey(site, id)));
  return item && !isPurged(item, now) ? item : undefined;
}

/** Whether the claim's item still uses it (a trashed item does, until it is purged). */
async function claimIsHeld(db: Dynamo, site: string, slug: string, claim: SlugClaim, now: Date) {
  const holder = await storedItem(db, site, claim.itemId, now);
  return holder?.slug === slug ? holder : undefined;
}

/**
 * Who holds `slug` in the site, as a new claim would find it: the item using
 * it (and whether it is in the trash), or undefined when it is free (never
 * claimed, purged, or left stale by an interrupted save).
 */
export async function slugHolder(
  db: Dynamo,
  site: string,
  slug: string,
  now = new Date(),
): Promise<{ itemId: string; inTrash: boolean } | undefined> {
  const claim = await db.get<SlugClaim>(slugKey(site, slug));
  if (!claim || (claim.expiresAt !== undefined && claim.expiresAt <= epochSeconds(now)))
    return undefined;
  const holder = await claimIsHeld(db, site, slug, claim, now);
  if (holder) return { itemId: holder.id, inTrash: Boolean(holder.deletedAt) };
  // A fresh claim whose item is not written yet: someone is saving it right now.
  if (now.getTime() - Date.parse(claim.claimedAt) < CLAIM_GRACE_MS)
    return { itemId: claim.itemId, inTrash: false };
  return undefined;
}

/**
 * Claims `slug` for `itemId`. Returns true when this call made the claim
 * (so the caller gives it back if its save fails), false when the item
 * already had it. Throws `SlugTaken` when another item uses it.
 */
export async function claimSlug(
  db: Dynamo,
  site: string,
  slug: string,
  item: Pick<SiteItem, 'id' | 'kind'>,
  now: Date,
): Promise<boolean> {
  if (item.kind === 'page' && reservedPageSlugs.includes(slug))
    throw new SlugTaken(slug, 'reserved');
  const claim: SlugClaim = { itemId: item.id, claimedAt: now.toISOString() };
  const claimed = await conditionally(
    db.put(
      { ...slugKey(site, slug), ...claim },
      {
        condition: 'attribute_not_exists(pk) OR #expiresAt <= :now',
        names: { '#expiresAt': 'expiresAt' },
        values: { ':now': epochSeconds(now) },
      },
    ),
  );
  if (claimed.written) return true;
  const existing = await db.get<SlugClaim>(slugKey(site, slug));
  if (!existing) return claimSlug(db, site, slug, item, now);
  if (existing.itemId === item.id) return false;
  const holder = await claimIsHeld(db, site, slug, existing, now);
  if (holder) throw new SlugTaken(slug, holder.deletedAt ? 'trash' : 'taken');
  if (now.getTime() - Date.parse(existing.claimedAt) < CLAIM_GRACE_MS)
    throw new SlugTaken(slug, 'taken');
  // A stale claim: take it over, unless someone else just did.
  const takenOver = await conditionally(
    db.put(
      { ...slugKey(site, slug), ...claim },
      {
        condition: '#itemId = :itemId AND #claimedAt = :claimedAt',
        names: { '#itemId': 'itemId', '#claimedAt': 'claimedAt' },
        values: { ':itemId': existing.itemId, ':claimedAt': existing.claimedAt },
      },
    ),
  );
  if (takenOver.written) return true;
  throw new SlugTaken(slug, 'taken');
}

/** The condition that `itemId` still holds the claim, with the write's own `values`. */
const whileHeldBy = (itemId: string, values: Record<string, unknown> = {}): PutOptions => ({
  condition: '#itemId = :itemId',
  names: { '#itemId': 'itemId' },
  values: { ':itemId': itemId, ...values },
});

/** Gives `slug` back, if `itemId` still holds it. */
export async function releaseSlug(db: Dynamo, site: string, slug: string, itemId: string) {
  await conditionally(db.delete(slugKey(site, slug), whileHeldBy(itemId)));
}

/** Gives back a claim this save made, unless the item (changed by another save) now uses it. */
export async function undoClaim(db: Dynamo, site: string, slug: string, itemId: string) {
  const current = await storedItem(db, site, itemId);
  if (current?.slug !== slug) await releaseSlug(db, site, slug, itemId);
}

/** Gives the slug claim the trashed item's expiry, so TTL purges both together. */
export async function expireClaim(
  db: Dynamo,
  site: string,
  slug: string,
  itemId: string,
  expiresAt: number,
): Promise<void> {
  await conditionally(
    db.update(
      slugKey(site, slug),
      'SET expiresAt = :expires',
      whileHeldBy(itemId, { ':expires': expiresAt }),
    ),
  );
}

/** Makes a restored item's claim permanent again; false if the item no longer has it. */
export async function keepClaim(
  db: Dynamo,
  site: string,
  slug: string,
  itemId: string,
): Promise<boolean> {
  const kept = await conditionally(
    db.update(slugKey(site, slug), 'REMOVE expiresAt', whileHeldBy(itemId)),
  );
  return kept.written;
}
