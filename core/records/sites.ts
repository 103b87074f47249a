/**
 * How sites and their items are laid out in the table, shared by the edge's
 * data modules (`sites.ts`, `items.ts`) and the builder, which reads a site
 * to render it. Pure: keys, record shapes and conversions, no I/O.
 *
 * A site's partition `SITE#<name>` holds:
 * - `SITE`: the site itself (owner, template, settings, version); its name is
 *   claimed by creating this item conditionally, so names are unique;
 * - `ITEM#<id>`: each entry or page (soft-deleted ones carry `deletedAt` and
 *   an `expiresAt` 30 days later, when DynamoDB purges them), with the
 *   bytes of its text in `textBytes`;
 * - `SLUG#<slug>`: a claim making each slug unique within the site;
 * - `DEPLOY#<id>`: each publish, restore and unpublish (`deploys.ts`).
 * When the owner deletes their account the `SITE` item is marked `closedAt`
 * (the site is gone from every page at once), the rest of the partition is
 * purged, and then `SITE` is replaced by a bare name hold (`nameHoldRecord`)
 * that keeps the name from anyone else for `NAME_HOLD_DAYS`.
 * A member's site count lives at `MEMBER#<did>` / `SITES`, changed only by
 * conditional updates so the neighborhood's limit holds under races.
 */
import type { ItemContent } from '../../templates/content';
import { itemTextBytes } from '../site-limits';
import { memberPartition } from './members';
import { publishedIndexAttributes } from './published';
import { epochSeconds, purgeSeconds } from './time';
import type { Settings } from '../../templates/settings';
import type { TemplateId } from '../../templates/template';

export interface Site {
  /** The subdomain, and the key. */
  name: string;
  ownerDid: string;
  template: TemplateId;
  settings: Settings;
  /**
   * Set while the owner is removed from the neighborhood: their site is
   * offline. Publishing must take such a site off the host and refuse to
   * publish it; the owner-only routes already refuse a removed owner.
   */
  offlineSince?: string;
  /**
   * Set when the owner's account deletion began: the site is gone for every
   * reader (`toSite` answers undefined) while its content is purged.
   */
  closedAt?: string;
  /**
   * The build whose files visitors get (`core/records/deploys.ts`); absent
   * until the first publish, and after an unpublish.
   */
  liveDeploy?: string;
  /** When `liveDeploy` last changed. */
  publishedAt?: string;
  /** The deploy holding the one-build-at-a-time lock, until `buildDeadline`. */
  building?: string;
  buildDeadline?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SiteItem extends ItemContent {
  id: string;
  site: string;
  createdAt: string;
  updatedAt: string;
  /** Set while the item is in the trash. */
  deletedAt?: string;
  version: number;
}

/** What lists show of an item: everything but its text, which can be long. */
export type ItemSummary = Omit<SiteItem, 'body' | 'summary' | 'link' | 'imageUrl' | 'imageAlt'>;

export const summaryAttributes = [
  'id',
  'site',
  'kind',
  'title',
  'slug',
  'date',
  'tags',
  'status',
  'number',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'version',
] as const satisfies readonly (keyof ItemSummary)[];

/** A site's items, as its dashboard and trash show them. */
export interface SiteContents {
  /** Newest date first. */
  entries: ItemSummary[];
  /** By title. */
  pages: ItemSummary[];
  /** Most recently deleted first; purged ones are left out. */
  trash: ItemSummary[];
}

/** Whether a member with `count` sites may make another under the neighborhood's `limit`. */
export const canMakeSite = (count: number, limit: number) => count < limit;

/** A record as written to the table: its key and its attributes. */
export type StoredRecord = { pk: string; sk: string } & Record<string, unknown>;

/**
 * Days a deleted account's site names stay held before anyone may claim
 * them: long enough for visitors, feed readers and anyone who used the
 * address as a Bluesky handle to notice it is gone, so a newcomer cannot
 * pass for the old site the day after.
 */
export const NAME_HOLD_DAYS = 30;

/** Days a deleted item can be restored before DynamoDB purges it. */
export const TRASH_DAYS = 30;

export const sitePartition = (name: string) => `SITE#${name}`;
export const siteKey = (name: string) => ({ pk: sitePartition(name), sk: 'SITE' });
export const itemKey = (site: string, id: string) => ({
  pk: sitePartition(site),
  sk: `ITEM#${id}`,
});
export const slugKey = (site: string, slug: string) => ({
  pk: sitePartition(site),
  sk: `SLUG#${slug}`,
});
export const siteCountKey = (did: string) => ({ pk: memberPartition(did), sk: 'SITES' });
/** `byTime` index partition listing one member's sites, oldest first. */
export const ownerSitesPartition = (did: string) => `SITES#${did}`;

const strip = ({
  pk: _pk,
  sk: _sk,
  gsi1pk: _g1,
  gsi1sk: _g1s,
  gsi2pk: _g2,
  gsi2sk: _g2s,
  expiresAt: _e,
  textBytes: _t,
  ...rest
}: Record<string, unknown>) => rest;

/** A stored site item as a `Site`; undefined for a closing site or a name hold. */
export function toSite(record: Record<string, unknown> | undefined): Site | undefined {
  if (!record || record.sk !== 'SITE' || record.closedAt || !record.ownerDid) return undefined;
  return strip(record) as unknown as Site;
}

/** A stored item as a `SiteItem`, or undefined for anything else in the partition. */
export function toSiteItem(record: Record<string, unknown> | undefined): SiteItem | undefined {
  if (!record || typeof record.sk !== 'string' || !record.sk.startsWith('ITEM#')) return undefined;
  const item = strip(record) as unknown as SiteItem;
  item.tags ??= [];
  return item;
}

/**
 * The record to store for `site`, with the index attributes that list it
 * under its owner and, once published, among the neighborhood's published
 * sites (`published.ts`).
 */
export function siteRecord(site: Site): StoredRecord {
  return {
    ...siteKey(site.name),
    ...site,
    gsi1pk: ownerSitesPartition(site.ownerDid),
    gsi1sk: site.createdAt,
    ...publishedIndexAttributes(site),
  };
}

/**
 * What is left of a deleted account's site once its content is purged: the
 * name alone, with no owner and no content, which TTL removes
 * `NAME_HOLD_DAYS` after the deletion began.
 */
export const nameHoldRecord = (name: string, closedAt: string): StoredRecord => ({
  ...siteKey(name),
  heldSince: closedAt,
  expiresAt: purgeSeconds(closedAt, NAME_HOLD_DAYS),
});

/** Whether a name's `SITE` record (if any) leaves it free to claim: none, or a hold past its time. */
export const nameIsFree = (record: Record<string, unknown> | undefined, now: Date) =>
  !record || (typeof record.expiresAt === 'number' && record.expiresAt <= epochSeconds(now));

/** When a trashed item is purged (epoch seconds); undefined outside the trash. */
export const itemPurgeSeconds = (item: Pick<SiteItem, 'deletedAt'>) =>
  item.deletedAt ? purgeSeconds(item.deletedAt, TRASH_DAYS) : undefined;

/** The day a trashed item will be purged; undefined outside the trash. */
export function itemPurgeDate(item: Pick<SiteItem, 'deletedAt'>): Date | undefined {
  const at = itemPurgeSeconds(item);
  return at === undefined ? undefined : new Date(at * 1000);
}

/** A trashed item past its purge time: DynamoDB deletes such items lazily, so readers skip them. */
export function isPurged(item: Pick<SiteItem, 'deletedAt'>, now: Date): boolean {
  const at = itemPurgeSeconds(item);
  return at !== undefined && at <= epochSeconds(now);
}

/**
 * The record to store for `item`; a trashed item expires `TRASH_DAYS` after
 * deletion. It carries `textBytes`, its text's size, so a site's usage is
 * counted without reading texts (`core/site-limits.ts`).
 */
export function itemRecord(item: SiteItem): StoredRecord {
  return {
    ...itemKey(item.site, item.id),
    ...item,
    expiresAt: itemPurgeSeconds(item),
    textBytes: itemTextBytes(item),
  };
}
