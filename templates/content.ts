/**
 * What a site holds besides its settings: entries (a blog's posts, a
 * showcase's projects, a newsletter's issues) and free pages such as About.
 * One schema validates an item wherever it travels: the edge checks it when
 * a neighbor saves, the builder checks it again before rendering. Limits are
 * named here once, so the editor can state them next to each field.
 */
import { z } from 'zod';
import { withWebScheme } from './web-address';

export const limits = {
  title: 200,
  slug: 80,
  summary: 500,
  body: 100_000,
  tags: 10,
  tag: 30,
  url: 500,
  imageAlt: 300,
  menuOrder: 99,
} as const;

/** What kind of item: the template's entries, or a free page. */
export type ItemKind = 'entry' | 'page';
export type ItemStatus = 'draft' | 'ready';

/**
 * Slugs a free page cannot take, because every template publishes something
 * at that top-level path (entries, tag pages, feeds, the archive).
 */
export const reservedPageSlugs: readonly string[] = [
  'posts',
  'projects',
  'issues',
  'tags',
  'archive',
  'feed',
  'feed-xml',
  'atom',
  'sitemap',
  'well-known',
  '404',
  'index',
];

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug made from a title: lower case, ASCII letters and digits, single hyphens. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, limits.slug)
    .replace(/-+$/, '');
}

/**
 * Text with every line break as `\n`. A plain form posts a textarea's line
 * breaks as `\r\n`, htmx as `\n`; the same text must be stored, compared
 * and counted against limits the same way either way.
 */
export const unixLineBreaks = (text: string) => text.replace(/\r\n?/g, '\n');

/** A tag as stored: trimmed, lower case, inner spaces as single hyphens. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/g, '-');
}

const optionalUrl = z.union([
  z.literal(''),
  z
    .string()
    .trim()
    .transform(withWebScheme)
    .pipe(
      z
        .string()
        .max(limits.url, `Keep web addresses under ${limits.url} characters.`)
        .url('Enter a full web address, starting with https://')
        .refine((url) => /^https?:\/\//i.test(url), 'Web addresses must start with https://'),
    ),
]);

/**
 * `picture:<id>`, as `PICTURE_REF_PATTERN` and `PICTURE_ID_PATTERN` in
 * `core/pictures.ts` say together (templates/ imports nothing of core/; a
 * test holds the two to the same answers).
 */
export const PICTURE_REF = /^picture:[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

/**
 * A project's picture: one of the site's own (`picture:sungold`, as the
 * Pictures page shows it) or the web address of one elsewhere.
 */
const pictureOrUrl = z.string().transform((value, ctx) => {
  const typed = value.trim();
  if (/^picture:/i.test(typed)) {
    if (PICTURE_REF.test(typed)) return typed;
    ctx.addIssue({
      code: 'custom',
      message:
        'A picture of the site is written like picture:sungold, in lower-case letters, digits and hyphens.',
    });
    return z.NEVER;
  }
  const url = optionalUrl.safeParse(typed);
  if (url.success) return url.data;
  const tooLong = url.error.issues.find((i) => i.code === 'too_big');
  ctx.addIssue({
    code: 'custom',
    message:
      tooLong?.message ??
      'Choose one of the site’s pictures (like picture:sungold) or enter a web address starting with https://',
  });
  return z.NEVER;
});

/** Every field of an item a neighbor writes; the extras apply only to some templates. */
export const itemContentSchema = z.object({
  kind: z.enum(['entry', 'page']),
  title: z
    .string()
    .trim()
    .min(1, 'Give it a title.')
    .max(limits.title, `Keep the title under ${limits.title} characters.`),
  slug: z
    .string()
    .trim()
    .min(1, 'Give it a web address (slug).')
    .max(limits.slug, `Keep the slug under ${limits.slug} characters.`)
    .regex(slugPattern, 'Use lower-case letters, digits and single hyphens, like my-first-post.'),
  /** `YYYY-MM-DD`. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-05-17.')
    .refine(
      (d) =>
        !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
        new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      'That date does not exist.',
    ),
  tags: z
    .array(
      z
        .string()
        .transform(normalizeTag)
        .pipe(
          z
            .string()
            .min(1)
            .max(limits.tag, `Keep each tag under ${limits.tag} characters.`)
            .regex(/^[\p{L}\p{N}-]+$/u, 'Tags are words: letters, digits and hyphens.'),
        ),
    )
    .max(limits.tags, `Use at most ${limits.tags} tags.`)
    .transform((tags) => [...new Set(tags)]),
  summary: z
    .string()
    .trim()
    .max(limits.summary, `Keep the summary under ${limits.summary} characters.`),
  body: z
    .string()
    .max(limits.body, `Keep the text under ${limits.body.toLocaleString('en')} characters.`),
  status: z.enum(['draft', 'ready']),
  /** Projects: where the project lives. */
  link: optionalUrl.default(''),
  /** Projects: a picture of it, and words for those who cannot see it. */
  imageUrl: pictureOrUrl.default(''),
  imageAlt: z
    .string()
    .trim()
    .max(limits.imageAlt, `Keep the description under ${limits.imageAlt} characters.`)
    .default(''),
  /** Newsletter issues: the issue number. */
  number: z.number().int().min(1, 'Issue numbers start at 1.').max(100_000).optional(),
  /**
   * Free pages: `false` when the member left it out of the site's menu;
   * absent means listed, as every page was before this was a choice.
   */
  inMenu: z.boolean().optional(),
  /** Free pages: its place in the menu, lowest first; unnumbered pages follow, by date. */
  menuOrder: z
    .number()
    .int()
    .min(1, 'Places in the menu start at 1.')
    .max(limits.menuOrder, `Use a place from 1 to ${limits.menuOrder}.`)
    .optional(),
});

export type ItemContent = z.infer<typeof itemContentSchema>;

/** One item as the templates see it when rendering: its content plus when it was last changed. */
export interface RenderItem extends ItemContent {
  updatedAt: string;
}
