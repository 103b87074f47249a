/**
 * The source half of an export: the site's record and every item outside
 * the trash, drafts included (they are the neighbor's writing too), read
 * from the table exactly as stored, and written out as the files a
 * neighbor can take to another tool: one Markdown file per entry and page,
 * and the template with its settings as JSON.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  isPurged,
  sitePartition,
  toSite,
  toSiteItem,
  type Site,
  type SiteItem,
} from '../../core/records/sites';
import { toPicture, type Picture } from '../../core/records/pictures';
import { findTemplate } from '../../templates';
import { withDefaults } from '../../templates/settings';
import { queryPartition } from '../load';
import { itemMarkdown } from './front-matter';

export interface SiteSource {
  site: Site;
  /** Entries first, then pages, each by slug. */
  items: SiteItem[];
  /** The site's pictures, by id. */
  pictures: Picture[];
}

/** The site named `name` and its items outside the trash; undefined for no (or a closing) site. */
export async function loadSiteSource(
  client: DynamoDBClient,
  table: string,
  name: string,
  now = new Date(),
): Promise<SiteSource | undefined> {
  const records = await queryPartition(client, table, sitePartition(name));
  const site = toSite(records.find((r) => r.sk === 'SITE'));
  if (!site) return undefined;
  const items = records
    .flatMap((r) => toSiteItem(r) ?? [])
    .filter((i) => !i.deletedAt && !isPurged(i, now))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.slug.localeCompare(b.slug));
  const pictures = records
    .flatMap((r) => toPicture(r) ?? [])
    .sort((a, b) => a.id.localeCompare(b.id));
  return { site, items, pictures };
}

/** One file of the source, with the time it last changed. */
export interface SourceFile {
  path: string;
  body: string;
  time: string;
}

const folder = { entry: 'entries', page: 'pages' } as const;

/** The source as files under `source/`: `entries/<slug>.md`, `pages/<slug>.md`, `settings.json`. */
export function sourceFiles({ site, items }: SiteSource): SourceFile[] {
  const taken = new Set<string>();
  const files = items.map((item) => {
    // Slugs are unique in a site; should two ever meet, the second keeps its id too.
    let path = `source/${folder[item.kind]}/${item.slug}.md`;
    if (taken.has(path)) path = `source/${folder[item.kind]}/${item.slug}-${item.id}.md`;
    taken.add(path);
    return { path, body: itemMarkdown(item), time: item.updatedAt };
  });
  const template = findTemplate(site.template);
  const settings = template ? withDefaults(template.settings, site.settings ?? {}) : site.settings;
  files.push({
    path: 'source/settings.json',
    body: `${JSON.stringify({ site: site.name, template: site.template, settings }, null, 2)}\n`,
    time: site.updatedAt,
  });
  return files;
}
