/**
 * What the templates render, shaped from validated input: entries sorted
 * newest first (newsletter issues by number), free pages for the menu, the
 * archive and tag pages already cut into pages of at most `listPageSize`,
 * the front page's capped lists, the feed's entries (a long one cut to its
 * summary or the start of its words) and the theme. Doing
 * this in code keeps the Nunjucks files simple and the order stable.
 */
import { itemPagePath } from '../core/paths';
import { limits } from '../templates/content';
import type { Link, Settings } from '../templates/settings';
import type { TemplateDefinition } from '../templates/template';
import { dateText, rfc822, startOfDay } from './dates';
import { plainText } from './markdown';
import type { SitePictures } from './picture-markup';
import { siteTheme, type Theme } from './theme';
import type { ValidInput, ValidItem } from './validate-input';

/** Entries on one archive or tag page; more go on the next page. */
export const listPageSize = 100;
/** Entries in each feed. */
export const feedSize = 20;
/**
 * Characters of Markdown up to which a feed carries an entry's whole text;
 * a longer one is carried as its summary, or the start of its words, with
 * a link to the rest. Twenty such entries keep a feed well under a megabyte.
 */
export const feedFullText = 10_000;
/** Characters of an entry's words a feed carries when it has no summary. */
export const feedExcerptSize = 500;
/** Entries on a front page, by template; the rest are a link away in the archive. */
export const frontPageSize = { blog: 10, showcase: 24, newsletter: 20 } as const;
/** Projects under each tag on a showcase's front page. */
export const groupSize = 12;

export interface TagLink {
  name: string;
  url: string;
}

export interface NearLink {
  title: string;
  url: string;
  number?: number;
}

/** One entry or free page as the templates see it. */
export interface ItemView extends Omit<ValidItem, 'tags'> {
  url: string;
  tags: TagLink[];
  dateText: string;
  year: string;
  /** Start of its day, ISO 8601. */
  published: string;
  rfc822: string;
  /** The meta description: its summary, else the start of its text. */
  description: string;
  newer?: NearLink;
  older?: NearLink;
}

/** An entry as a feed carries it: whole, or (when `excerpt` is set) as that excerpt. */
export interface FeedEntry extends ItemView {
  excerpt?: string;
}

export interface YearGroup {
  year: string;
  entries: ItemView[];
}

/** One page of a paginated list (the archive, or one tag's entries). */
export interface ListPage {
  url: string;
  title: string;
  tag?: string;
  number: number;
  count: number;
  groups: YearGroup[];
  newer?: string;
  older?: string;
}

export interface TagGroup {
  name: string;
  url: string;
  count: number;
  entries: ItemView[];
}

export interface SiteModel {
  site: {
    name: string;
    url: string;
    ownerDid: string;
    title: string;
    tagline: string;
    author: string;
    description: string;
    lang: string;
  };
  settings: Settings;
  neighborhood: { name: string; url: string };
  template: { id: string; entry: TemplateDefinition['entry'] };
  labels: { archive: string; archiveLink: string };
  theme: Theme;
  entries: ItemView[];
  pages: ItemView[];
  /** The site's own menu: free pages, the archive, tags. */
  menu: { label: string; url: string }[];
  navLinks: Link[];
  latest: ItemView[];
  tagGroups: TagGroup[];
  untagged: ItemView[];
  archivePages: ListPage[];
  tagPages: ListPage[];
  tagIndex: TagGroup[];
  /** The site's pictures by id, for the filters (not template data). */
  pictures: SitePictures;
  /** `updated` (ISO 8601, Atom) and `lastBuildDate` (RFC 822, RSS): when its newest entries last changed. */
  feed: { entries: FeedEntry[]; updated: string; lastBuildDate: string };
}

/** A plain code-unit comparison, the same on every machine. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const tagUrl = (tag: string) => `/tags/${tag}/`;

/**
 * When an item last changed, never before the day it is dated: an entry
 * dated ahead of its last save (a sample, or a post written for a coming
 * day) would otherwise tell feed readers it was updated before it was
 * published.
 */
function updatedSincePublished(item: ValidItem): string {
  const published = Date.parse(startOfDay(item.date));
  return new Date(Math.max(Date.parse(item.updatedAt), published)).toISOString();
}

function view(item: ValidItem, url: string, fallbackDescription: string): ItemView {
  return {
    ...item,
    updatedAt: updatedSincePublished(item),
    url,
    tags: item.tags.map((name) => ({ name, url: tagUrl(name) })),
    dateText: dateText(item.date),
    year: item.date.slice(0, 4),
    published: startOfDay(item.date),
    rfc822: rfc822(item.date),
    description: item.summary || plainText(item.body, 160) || fallbackDescription,
  };
}

/** Newest first; newsletter issues by number; ties by title, then address. */
function sortEntries(template: TemplateDefinition, entries: ValidItem[]): ValidItem[] {
  const numbered = template.entryExtras.includes('number');
  return [...entries].sort(
    (a, b) =>
      (numbered ? (b.number ?? 0) - (a.number ?? 0) : 0) ||
      byText(b.date, a.date) ||
      byText(a.title, b.title) ||
      byText(a.slug, b.slug),
  );
}

function byYear(entries: ItemView[]): YearGroup[] {
  const groups: YearGroup[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last?.year === entry.year) last.entries.push(entry);
    else groups.push({ year: entry.year, entries: [entry] });
  }
  return groups;
}

/** `entries` cut into list pages at `folder` (`/archive/`, `/archive/2/`, …). */
function listPages(folder: string, title: string, entries: ItemView[], tag?: string): ListPage[] {
  const count = Math.max(1, Math.ceil(entries.length / listPageSize));
  const url = (n: number) => (n === 1 ? folder : `${folder}${n}/`);
  return Array.from({ length: count }, (_, i) => ({
    url: url(i + 1),
    title: i === 0 ? title : `${title}, page ${i + 1}`,
    tag,
    number: i + 1,
    count,
    groups: byYear(entries.slice(i * listPageSize, (i + 1) * listPageSize)),
    newer: i > 0 ? url(i) : undefined,
    older: i + 1 < count ? url(i + 2) : undefined,
  }));
}

function tagGroups(entries: ItemView[], size: number): TagGroup[] {
  const byTag = new Map<string, ItemView[]>();
  for (const entry of entries) {
    for (const tag of entry.tags) byTag.set(tag.name, [...(byTag.get(tag.name) ?? []), entry]);
  }
  return [...byTag.keys()].sort(byText).map((name) => {
    const tagged = byTag.get(name)!;
    return { name, url: tagUrl(name), count: tagged.length, entries: tagged.slice(0, size) };
  });
}

/** An entry for the feed: whole when short, else its summary or the start of its words. */
const feedEntry = (entry: ItemView): FeedEntry =>
  entry.body.length <= feedFullText
    ? entry
    : { ...entry, excerpt: entry.summary || plainText(entry.body, feedExcerptSize) };

const near = (entry: ItemView | undefined): NearLink | undefined =>
  entry && { title: entry.title, url: entry.url, number: entry.number };

/**
 * The free pages the member keeps in the menu: those given a place first,
 * lowest place first, then the rest in the pages' own order (by date).
 */
function menuPages(pages: ItemView[]): ItemView[] {
  const place = (p: ItemView) => p.menuOrder ?? limits.menuOrder + 1;
  return pages.filter((p) => p.inMenu !== false).sort((a, b) => place(a) - place(b));
}

/** Everything the templates render, from validated input. */
export function siteModel(input: ValidInput): SiteModel {
  const { template, settings } = input;
  const text = (name: string) => (typeof settings[name] === 'string' ? settings[name] : '');
  const title = text('title');
  const author = text('author');
  const description = text('tagline') || (author ? `${title}, by ${author}` : title);

  const entries = sortEntries(
    template,
    input.items.filter((i) => i.kind === 'entry'),
  ).map((item) => view(item, `/${itemPagePath(template, item)}`, description));
  entries.forEach((entry, i) => {
    entry.newer = near(entries[i - 1]);
    entry.older = near(entries[i + 1]);
  });
  const pages = input.items
    .filter((i) => i.kind === 'page')
    .sort((a, b) => byText(a.date, b.date) || byText(a.title, b.title) || byText(a.slug, b.slug))
    .map((item) => view(item, `/${itemPagePath(template, item)}`, description));

  const plural = template.entry.plural;
  const archive = template.id === 'blog' ? 'Archive' : `All ${plural}`;
  const tagIndex = tagGroups(entries, 0);
  const updated = entries
    .slice(0, feedSize)
    .map((e) => e.updatedAt)
    .sort(byText)
    .at(-1);

  return {
    site: {
      ...input.site,
      title,
      tagline: text('tagline'),
      author,
      description,
      lang: 'en',
    },
    settings,
    neighborhood: input.neighborhood,
    template: { id: template.id, entry: template.entry },
    labels: { archive, archiveLink: template.id === 'blog' ? 'the archive' : `all ${plural}` },
    theme: siteTheme(text('accent'), text('font')),
    entries,
    pages,
    menu: [
      ...menuPages(pages).map((p) => ({ label: p.title, url: p.url })),
      { label: archive, url: '/archive/' },
      ...(tagIndex.length > 0 ? [{ label: 'Tags', url: '/tags/' }] : []),
    ],
    navLinks: (settings.navLinks ?? []) as Link[],
    latest: entries.slice(0, frontPageSize[template.id]),
    tagGroups: tagGroups(entries, groupSize),
    untagged: entries.filter((e) => e.tags.length === 0).slice(0, groupSize),
    archivePages: listPages('/archive/', archive, entries),
    tagPages: tagIndex.flatMap((tag) =>
      listPages(
        tag.url,
        `${plural.charAt(0).toUpperCase()}${plural.slice(1)} tagged “${tag.name}”`,
        entries.filter((e) => e.tags.some((t) => t.name === tag.name)),
        tag.name,
      ),
    ),
    tagIndex,
    pictures: input.pictures,
    feed: {
      entries: entries.slice(0, feedSize).map(feedEntry),
      updated: updated ?? '1970-01-01T00:00:00.000Z',
      lastBuildDate: new Date(updated ?? 0).toUTCString(),
    },
  };
}
