/**
 * The builder's own check of what it is asked to render, made again even
 * though the edge validated it when it was saved: the template must exist,
 * the settings must fit its schema (after taking defaults for fields added
 * since they were saved), and every item must fit the item schema and the
 * site's rules (unique addresses, page addresses the site does not use
 * itself, numbered newsletter issues). Problems come back in plain words
 * naming the item, e.g. "Post “Hello”: Use at most 10 tags."
 * The site's pictures are taken as far as they can be shown: one whose
 * record does not describe processed files is left out, and a reference
 * to it then renders as its words, as an unknown one does.
 */
import { z } from 'zod';
import { itemPagePath } from '../core/paths';
import { PICTURE_ID_PATTERN, PICTURE_KEY_PATTERN } from '../core/pictures';
import { itemContentSchema, reservedPageSlugs, type ItemContent } from '../templates/content';
import { findTemplate, type TemplateDefinition } from '../templates';
import { settingsSchema, withDefaults, type Settings } from '../templates/settings';
import type { RenderPicture, SitePictures } from './picture-markup';
import { RenderInputError } from './render-input-error';
import type { RenderInput } from './render';

/** An item that passed validation, with when it last changed as an ISO timestamp. */
export interface ValidItem extends ItemContent {
  updatedAt: string;
}

export interface ValidInput {
  template: TemplateDefinition;
  site: RenderInput['site'];
  neighborhood: RenderInput['neighborhood'];
  settings: Settings;
  /** Ready items only; drafts are never published, even if passed in. */
  items: ValidItem[];
  pictures: SitePictures;
}

const pixels = z.number().int().min(1).max(100_000);

const pictureSchema = z
  .object({
    id: z.string().regex(PICTURE_ID_PATTERN),
    description: z.string().default(''),
    key: z.string().regex(PICTURE_KEY_PATTERN),
    width: pixels,
    height: pixels,
    widths: z.array(pixels).min(1),
    fallback: z.enum(['jpeg', 'png']),
  })
  .refine((p) => p.widths.every((w, i) => i === 0 || w > p.widths[i - 1]!));

/** The pictures that can be shown, by id (`cleanStrings` keeps their descriptions XML-safe). */
function validPictures(raw: unknown): SitePictures {
  const pictures = new Map<string, RenderPicture>();
  for (const candidate of Array.isArray(raw) ? raw : []) {
    const parsed = pictureSchema.safeParse(candidate);
    if (parsed.success) pictures.set(parsed.data.id, cleanStrings(parsed.data));
  }
  return pictures;
}

const didPattern = /^did:[a-z]+:[A-Za-z0-9._:%-]+$/;

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u));

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Characters no XML document may contain (C0 controls other than tab and
 * newlines, lone surrogates, U+FFFE/U+FFFF). They are invisible anyway;
 * removing them keeps feeds and sitemaps well-formed.
 */
const notXml =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `value` with every string in it cleaned of characters XML cannot hold. */
function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return value.replace(notXml, '') as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)])) as T;
  }
  return value;
}

/** How an item is named in a problem: `Post “Hello”`, or `Post 3` when it has no usable title. */
function itemName(template: TemplateDefinition, item: unknown, index: number): string {
  const record = (item ?? {}) as Record<string, unknown>;
  const kind = record.kind === 'page' ? 'page' : template.entry.singular;
  const title = typeof record.title === 'string' ? record.title.trim() : '';
  const shown = title.length > 60 ? `${title.slice(0, 59)}…` : title;
  return shown ? `${capitalise(kind)} “${shown}”` : `${capitalise(kind)} ${index + 1}`;
}

/**
 * Fields whose messages do not say which field they are about ("Web
 * addresses must start with https://"), and how a problem names them.
 */
const ambiguousFields: Record<string, string> = {
  link: 'link',
  imageUrl: 'picture',
  imageAlt: 'picture description',
};

function settingsProblems(template: TemplateDefinition, issues: z.ZodIssue[]): string[] {
  return issues.map((issue) => {
    const field = template.settings.find((f) => f.name === issue.path[0]);
    return `Settings, ${field ? field.label : String(issue.path[0] ?? 'settings')}: ${issue.message}`;
  });
}

/** The site's own rules, which no single item can check alone. */
function siteRuleProblems(template: TemplateDefinition, items: ValidItem[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const numbers = new Map<number, string>();
  items.forEach((item, index) => {
    const name = itemName(template, item, index);
    const where = itemPagePath(template, item);
    if (item.kind === 'page' && reservedPageSlugs.includes(item.slug)) {
      problems.push(
        `${name}: the address “${item.slug}” is used by the site itself; choose another.`,
      );
    } else if (seen.has(where)) {
      problems.push(`${name}: ${seen.get(where)} already uses the address “${item.slug}”.`);
    } else {
      seen.set(where, name);
    }
    if (template.entryExtras.includes('number') && item.kind === 'entry') {
      if (item.number === undefined) {
        problems.push(`${name}: give it an issue number.`);
      } else if (numbers.has(item.number)) {
        problems.push(`${name}: ${numbers.get(item.number)} is already number ${item.number}.`);
      } else {
        numbers.set(item.number, name);
      }
    }
  });
  return problems;
}

/** When an item last changed, as a full ISO timestamp; its date when the record has none. */
function updatedAt(value: unknown, date: string): string {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return new Date(Number.isNaN(time) ? `${date}T00:00:00Z` : time).toISOString();
}

/**
 * `input` checked and cleaned for rendering; throws `RenderInputError`
 * listing every problem found.
 */
export function validateInput(input: RenderInput): ValidInput {
  const template = findTemplate(input.template);
  if (!template) {
    throw new RenderInputError([`There is no template called “${String(input.template)}”.`]);
  }
  const problems: string[] = [];
  const site = input.site ?? ({} as RenderInput['site']);
  if (!httpUrl.safeParse(site.url).success) {
    problems.push(`The site’s address “${String(site.url)}” is not a web address.`);
  }
  if (typeof site.ownerDid !== 'string' || !didPattern.test(site.ownerDid)) {
    problems.push(`The owner’s identifier “${String(site.ownerDid)}” is not a DID.`);
  }
  const neighborhood = input.neighborhood ?? ({} as RenderInput['neighborhood']);
  if (typeof neighborhood.name !== 'string' || !httpUrl.safeParse(neighborhood.url).success) {
    problems.push('The neighborhood needs a name and a web address.');
  }

  const settings = settingsSchema(template.settings).safeParse(
    withDefaults(template.settings, input.settings ?? {}),
  );
  if (!settings.success) problems.push(...settingsProblems(template, settings.error.issues));

  const items: ValidItem[] = [];
  (Array.isArray(input.items) ? input.items : []).forEach((raw, index) => {
    const parsed = itemContentSchema.safeParse(raw);
    if (!parsed.success) {
      const name = itemName(template, raw, index);
      for (const issue of parsed.error.issues) {
        const field = ambiguousFields[String(issue.path[0])];
        problems.push(`${name}${field ? `, ${field}` : ''}: ${issue.message}`);
      }
      return;
    }
    if (parsed.data.status !== 'ready') return;
    items.push({ ...parsed.data, updatedAt: updatedAt(raw.updatedAt, parsed.data.date) });
  });
  problems.push(...siteRuleProblems(template, items));

  if (problems.length > 0 || !settings.success) throw new RenderInputError(problems);
  return {
    template,
    site: { name: site.name, url: site.url.replace(/\/+$/, ''), ownerDid: site.ownerDid },
    neighborhood: cleanStrings({ name: neighborhood.name, url: neighborhood.url }),
    settings: cleanStrings(settings.data),
    items: cleanStrings(items),
    pictures: validPictures(input.pictures),
  };
}
