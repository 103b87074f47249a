/**
 * The item form: the strings a browser posts, turned into an item's content
 * and checked with the one item schema (`templates/content.ts`), so each
 * limit is named next to its field. The template decides which extra fields
 * its entries have (a project's link and picture, an issue's number); free
 * pages never have them. The form keeps raw strings, so a refused save comes
 * back exactly as typed.
 */
import {
  itemContentSchema,
  reservedPageSlugs,
  slugify,
  unixLineBreaks,
  type ItemContent,
  type ItemKind,
} from '../../templates/content';
import type { TemplateDefinition } from '../../templates/template';
import type { SiteItem } from '../records/sites';
import { fieldErrors, type FieldErrors } from './field-errors';

/** Every field of the form, as posted. */
export interface ItemFormValues {
  title: string;
  slug: string;
  date: string;
  /** Comma-separated. */
  tags: string;
  summary: string;
  body: string;
  status: string;
  link: string;
  imageUrl: string;
  imageAlt: string;
  number: string;
  /** Pages: `out` when the person left the page out of the site menu (an unticked box posts nothing). */
  menu: string;
  /** Pages: its place in the site menu, in digits; empty for "after the numbered ones". */
  menuOrder: string;
  /** The version the form was opened at; empty for a new item. */
  version: string;
}

export type ItemExtra = TemplateDefinition['entryExtras'][number];

const FIELDS: readonly (keyof ItemFormValues)[] = [
  'title',
  'slug',
  'date',
  'tags',
  'summary',
  'body',
  'status',
  'link',
  'imageUrl',
  'imageAlt',
  'number',
  'menu',
  'menuOrder',
  'version',
];

/** The fields a form may check one at a time (inline validation). */
export const checkableFields: readonly string[] = FIELDS.filter(
  (f) => f !== 'status' && f !== 'version' && f !== 'menu' && f !== 'menuOrder',
);

/** The extra fields an item of this kind has in this template. */
export function extrasFor(template: TemplateDefinition, kind: ItemKind): readonly ItemExtra[] {
  return kind === 'entry' ? template.entryExtras : [];
}

/** `YYYY-MM-DD` for a day, in UTC. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** An empty form for a new item, dated today; a new issue gets the next number. */
export function newItemValues(today: Date, nextNumber?: number): ItemFormValues {
  return {
    title: '',
    slug: '',
    date: isoDay(today),
    tags: '',
    summary: '',
    body: '',
    status: 'draft',
    link: '',
    imageUrl: '',
    imageAlt: '',
    number: nextNumber ? String(nextNumber) : '',
    menu: '',
    menuOrder: '',
    version: '',
  };
}

/** The form filled from what is saved. */
export function valuesOf(item: SiteItem): ItemFormValues {
  return {
    title: item.title,
    slug: item.slug,
    date: item.date,
    tags: item.tags.join(', '),
    summary: item.summary,
    body: item.body,
    status: item.status,
    link: item.link,
    imageUrl: item.imageUrl,
    imageAlt: item.imageAlt,
    number: item.number === undefined ? '' : String(item.number),
    menu: item.inMenu === false ? 'out' : '',
    menuOrder: item.menuOrder === undefined ? '' : String(item.menuOrder),
    version: String(item.version),
  };
}

/**
 * The form as the person posted it, for showing it again (anything missing
 * is empty). Line breaks become `\n`: a plain form posts a textarea's as
 * `\r\n` while htmx posts them as `\n`, and the same text must be stored
 * (and compared, and counted against the limits) the same either way.
 */
export function valuesFromInput(input: Record<string, string>): ItemFormValues {
  const values = {} as ItemFormValues;
  for (const field of FIELDS) values[field] = unixLineBreaks(input[field] ?? '');
  return values;
}

/** Tags as typed, comma-separated, without empty ones. */
const splitTags = (tags: string) =>
  tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

export type ParsedItem =
  | { ok: true; content: ItemContent; version: number | undefined }
  | { ok: false; errors: FieldErrors };

/**
 * Checks a posted form for an item of `kind` with these `extras`. A slug left
 * empty is made from the title. Returns the content to save, or one message
 * per field.
 */
export function parseItemForm(
  values: ItemFormValues,
  kind: ItemKind,
  extras: readonly ItemExtra[],
): ParsedItem {
  const uses = (extra: ItemExtra) => extras.includes(extra);
  const errors: FieldErrors = {};
  const number = values.number.trim();
  if (uses('number') && number && !/^\d+$/.test(number))
    errors.number = 'Write the issue number in digits, like 12.';
  const page = kind === 'page';
  const menuOrder = values.menuOrder.trim();
  if (page && menuOrder && !/^\d+$/.test(menuOrder))
    errors.menuOrder = 'Write the place in digits, like 1 for the first; or leave it empty.';
  const slug = values.slug.trim() || slugify(values.title);
  const parsed = itemContentSchema.safeParse({
    kind,
    title: values.title,
    slug,
    date: values.date.trim(),
    tags: splitTags(values.tags),
    summary: values.summary,
    body: values.body,
    status: values.status === 'ready' ? 'ready' : 'draft',
    link: uses('link') ? values.link.trim() : '',
    imageUrl: uses('imageUrl') ? values.imageUrl.trim() : '',
    imageAlt: uses('imageAlt') ? values.imageAlt : '',
    number: uses('number') && /^\d+$/.test(number) ? Number(number) : undefined,
    inMenu: page ? values.menu !== 'out' : undefined,
    menuOrder: page && /^\d+$/.test(menuOrder) ? Number(menuOrder) : undefined,
  });
  if (!parsed.success) {
    const found = fieldErrors(parsed.error.issues);
    for (const [field, message] of Object.entries(found)) errors[field] ??= message;
  }
  if (!values.slug.trim() && !slug) {
    // The slug comes from the title: name the title's problem once, not twice.
    if (values.title.trim())
      errors.slug = 'The title has no letters or digits to make an address from; type one here.';
    else delete errors.slug;
  }
  if (kind === 'page' && reservedPageSlugs.includes(slug) && !errors.slug)
    errors.slug = `“${slug}” is used by every site for its own pages; choose another address.`;
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  const version = /^\d+$/.test(values.version) ? Number(values.version) : undefined;
  return { ok: true, content: parsed.data, version };
}

/** The message for a slug another item (or one in the trash) already uses. */
export function slugTakenMessage(slug: string, inTrash: boolean): string {
  return inTrash
    ? `An item in the trash still uses “${slug}”. Restore it, or choose another address.`
    : `Another item of this site already uses “${slug}”. Choose another address.`;
}

/** One row of a conflict: a field whose saved value differs from the person's. */
export interface ItemDifference {
  field: keyof ItemFormValues;
  label: string;
  saved: string;
  yours: string;
}

const LABELS: Partial<Record<keyof ItemFormValues, string>> = {
  title: 'Title',
  slug: 'Address (slug)',
  date: 'Date',
  tags: 'Tags',
  summary: 'Summary',
  body: 'Text',
  status: 'Status',
  link: 'Link',
  imageUrl: 'Picture address',
  imageAlt: 'Picture description',
  number: 'Issue number',
  menu: 'Left out of the site menu',
  menuOrder: 'Place in the site menu',
};

/** Each field where the saved item differs from the person's content. */
export function differences(saved: SiteItem, yours: ItemContent): ItemDifference[] {
  const a = valuesOf(saved);
  const b = valuesOf({ ...saved, ...yours });
  return (Object.keys(LABELS) as (keyof ItemFormValues)[])
    .filter((field) => a[field] !== b[field])
    .map((field) => ({ field, label: LABELS[field]!, saved: a[field], yours: b[field] }));
}

/** The lines where two texts differ: both sides' middle, after their common start and end. */
export interface ChangedLines {
  /** The first differing line, counted from 1. */
  from: number;
  saved: string[];
  yours: string[];
}

/**
 * What differs between two versions of a text, by whole lines. Linear, so a
 * long text costs little: the common beginning and end are set aside and the
 * rest of each side is shown.
 */
export function changedLines(saved: string, yours: string): ChangedLines | undefined {
  if (saved === yours) return undefined;
  const a = saved.split('\n');
  const b = yours.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (
    end < a.length - start &&
    end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  )
    end++;
  return {
    from: start + 1,
    saved: a.slice(start, a.length - end),
    yours: b.slice(start, b.length - end),
  };
}
