/**
 * "Download your data": everything the neighborhood holds about a person,
 * read page by page: their own partition (member item, sign-in sessions)
 * and each of their sites with every item, the trash included. The
 * Bluesky sign-in grant is named but its tokens are left out, so the file
 * is safe to keep anywhere.
 *
 * The shape is `AccountExport` (`format` 1); a change that would break a
 * reader of it gets a new `format`:
 * `{ format, exportedAt, member, sessions: [{ id, createdAt, expiresAt }],
 *    blueskySignIn: { held, note },
 *    sites: [{ name, url, zip, template, settings, createdAt, updatedAt, offlineSince?,
 *              items: [{ id, kind, title, slug, date, tags, summary, body, status,
 *                        link, imageUrl, imageAlt, number?, inMenu?, menuOrder?,
 *                        createdAt, updatedAt, inTrash, deletedAt?, purgeOn? }] }] }`
 * Sites are oldest first; items in the order they were made. `zip` says
 * where the site's own download is: its published files and its source as
 * Markdown, which this file does not repeat.
 */
import { memberPartition, toMember, type Member } from '../../core/records/members';
import {
  isPurged,
  itemPurgeDate,
  sitePartition,
  toSiteItem,
  type Site,
  type SiteItem,
} from '../../core/records/sites';
import { settingsPath } from '../../core/paths';
import { siteUrl } from '../../core/site-address';
import type { Dynamo } from './dynamo';
import { listOwnerSites } from './sites';

/** One item as exported: `inTrash` says whether it was deleted, `purgeOn` when it goes for good. */
export type ExportedItem = Omit<SiteItem, 'site' | 'version'> & {
  inTrash: boolean;
  purgeOn?: string;
};

export type ExportedSite = Pick<
  Site,
  'name' | 'template' | 'settings' | 'createdAt' | 'updatedAt' | 'offlineSince'
> & { url: string; zip: string; items: ExportedItem[] };

export interface AccountExport {
  /** The version of this shape. */
  format: 1;
  exportedAt: string;
  member?: Member;
  sessions: { id: string; createdAt: string; expiresAt: string }[];
  /** Whether we hold a Bluesky sign-in grant for them (its tokens are not exported). */
  blueskySignIn: { held: boolean; note: string };
  /** Their sites, each with every item, the trash included. */
  sites: ExportedSite[];
}

type Stored = Record<string, unknown> & { sk: string };

/** Every record under `pk` (optionally only sort keys starting with `prefix`), page after page. */
async function readAll(db: Dynamo, pk: string, prefix?: string): Promise<Stored[]> {
  const records: Stored[] = [];
  let cursor: string | undefined;
  do {
    const page = await db.page<Stored>(pk, { prefix, cursor });
    records.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return records;
}

function exportedItem({ site: _site, version: _version, ...item }: SiteItem): ExportedItem {
  const purgeOn = itemPurgeDate(item)?.toISOString();
  return { ...item, inTrash: Boolean(item.deletedAt), ...(purgeOn && { purgeOn }) };
}

/** Where a site's ZIP comes from, in words for the person reading the file. */
const zipNote = (publicUrl: string, site: string) =>
  `The site's published files and its source (each entry and page as Markdown) come as one ZIP: "Download everything (ZIP)" at ${new URL(settingsPath(site), publicUrl).href}`;

async function exportSite(db: Dynamo, site: Site, urls: ExportUrls, now: Date) {
  const items = (await readAll(db, sitePartition(site.name), 'ITEM#'))
    .flatMap((r) => toSiteItem(r) ?? [])
    .filter((i) => !isPurged(i, now))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return {
    name: site.name,
    url: siteUrl(urls.sitesUrl, site.name),
    zip: zipNote(urls.publicUrl, site.name),
    template: site.template,
    settings: site.settings,
    createdAt: site.createdAt,
    updatedAt: site.updatedAt,
    ...(site.offlineSince && { offlineSince: site.offlineSince }),
    items: items.map(exportedItem),
  };
}

/** Where sites live, and the neighborhood's own address (for each site's ZIP). */
export interface ExportUrls {
  sitesUrl: string;
  publicUrl: string;
}

export async function exportAccount(
  db: Dynamo,
  did: string,
  urls: ExportUrls,
): Promise<AccountExport> {
  const now = new Date();
  const [own, sites] = await Promise.all([
    readAll(db, memberPartition(did)),
    listOwnerSites(db, did),
  ]);
  const profile = own.find((i) => i.sk === 'PROFILE');
  return {
    format: 1,
    exportedAt: now.toISOString(),
    member: toMember(profile),
    sessions: own
      .filter((i) => i.sk.startsWith('SESSION#'))
      .map((i) => ({
        id: String(i.id),
        createdAt: String(i.createdAt),
        expiresAt: new Date(Number(i.expiresAt) * 1000).toISOString(),
      })),
    blueskySignIn: {
      held: own.some((i) => i.sk === 'OAUTH_SESSION'),
      note: 'The access tokens themselves are not included; signing out or deleting your account removes them.',
    },
    sites: await Promise.all(sites.map((site) => exportSite(db, site, urls, now))),
  };
}
