/**
 * The field kit templates declare their settings with. A template lists its
 * fields once; from that list come the zod schema that validates stored and
 * submitted settings (in the edge, and again in the builder before
 * rendering), the defaults a new site starts with, and the labels and help
 * texts the edge's settings form shows. Nothing here knows about HTML or
 * Eleventy, so the Worker and the builder can both import it.
 */
import { z } from 'zod';
import { unixLineBreaks } from './content';
import { withWebScheme } from './web-address';

interface FieldBase {
  /** The key in the settings object, e.g. `title`. */
  name: string;
  label: string;
  /** One sentence under the field saying what it is for. */
  help: string;
}

export interface TextField extends FieldBase {
  kind: 'text' | 'longText';
  default: string;
  max: number;
  /** Whether it may be left empty. */
  optional?: boolean;
}

export interface ColourField extends FieldBase {
  kind: 'colour';
  /** `#rrggbb`. */
  default: string;
}

export interface ChoiceField extends FieldBase {
  kind: 'choice';
  options: readonly { value: string; label: string }[];
  default: string;
}

export interface BooleanField extends FieldBase {
  kind: 'boolean';
  default: boolean;
}

export interface UrlField extends FieldBase {
  kind: 'url';
  /** Empty means "none"; URL fields are always optional. */
  default: string;
}

export interface LinksField extends FieldBase {
  kind: 'links';
  default: readonly Link[];
  /** The most links the list may hold. */
  max: number;
}

export type SettingsField =
  TextField | ColourField | ChoiceField | BooleanField | UrlField | LinksField;

export interface Link {
  label: string;
  url: string;
}

export type SettingsValue = string | boolean | Link[];
export type Settings = Record<string, SettingsValue>;

const httpUrl = z
  .string()
  .trim()
  .transform(withWebScheme)
  .pipe(
    z
      .string()
      .max(500, 'Keep web addresses under 500 characters.')
      .url('Enter a full web address, starting with https://')
      .refine(
        (url) => /^https?:\/\//i.test(url),
        'Web addresses must start with https:// or http://',
      ),
  );

/** A link in a list: a label and an http(s) address. */
export const linkSchema = z.object({
  label: z
    .string()
    .trim()
    .min(1, 'Give the link a label.')
    .max(40, 'Keep link labels under 40 characters.'),
  url: httpUrl,
});

/** The zod schema for one field's value. */
export function fieldSchema(field: SettingsField): z.ZodTypeAny {
  switch (field.kind) {
    case 'text':
    case 'longText': {
      const text = z
        .string()
        .trim()
        .max(field.max, `Keep ${field.label.toLowerCase()} under ${field.max} characters.`);
      const required = field.optional ? text : text.min(1, `${field.label} cannot be empty.`);
      return field.kind === 'text' ? required : z.string().transform(unixLineBreaks).pipe(required);
    }
    case 'colour':
      return z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^#[0-9a-f]{6}$/, 'Choose a colour like #1a6b4f.');
    case 'choice': {
      const values = field.options.map((o) => o.value);
      return z.string().refine((v) => values.includes(v), {
        message: `Choose one of: ${field.options.map((o) => o.label).join(', ')}.`,
      });
    }
    case 'boolean':
      return z.boolean();
    case 'url':
      return z.union([z.literal(''), httpUrl]);
    case 'links':
      return z.array(linkSchema).max(field.max, `Add at most ${field.max} links.`);
  }
}

/** The schema of a whole settings object: every declared field, nothing else. */
export function settingsSchema(fields: readonly SettingsField[]) {
  return z
    .object(Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])))
    .strict() as unknown as z.ZodType<Settings>;
}

/** The settings a new site starts with. */
export function defaultSettings(fields: readonly SettingsField[]): Settings {
  return Object.fromEntries(
    fields.map((f) => [f.name, Array.isArray(f.default) ? [...f.default] : f.default]),
  ) as Settings;
}

/**
 * Stored settings brought up to date with the template: fields added since
 * they were saved take their defaults, fields no longer declared are dropped.
 */
export function withDefaults(fields: readonly SettingsField[], stored: object): Settings {
  const values = stored as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((f) => [f.name, f.name in values ? values[f.name] : defaultSettings([f])[f.name]]),
  ) as Settings;
}

/** The fields every template has, in the order the form shows them. */
export const commonFields = [
  {
    kind: 'text',
    name: 'title',
    label: 'Site title',
    help: 'Shown at the top of every page and in browser tabs.',
    default: 'My site',
    max: 80,
  },
  {
    kind: 'text',
    name: 'tagline',
    label: 'Tagline',
    help: 'A short line under the title, and the description search engines show.',
    default: '',
    max: 160,
    optional: true,
  },
  {
    kind: 'text',
    name: 'author',
    label: 'Author name',
    help: 'Who writes here; shown in the footer and in feeds.',
    default: '',
    max: 80,
    optional: true,
  },
  {
    kind: 'colour',
    name: 'accent',
    label: 'Accent colour',
    help: 'Used for links and highlights. Dark mode lightens it to keep it readable.',
    default: '#1a6b4f',
  },
  {
    kind: 'choice',
    name: 'font',
    label: 'Font',
    help: 'Fonts already on the reader’s device, so pages stay small.',
    options: [
      { value: 'sans', label: 'Sans-serif' },
      { value: 'serif', label: 'Serif' },
      { value: 'mono', label: 'Monospace' },
    ],
    default: 'sans',
  },
  {
    kind: 'links',
    name: 'navLinks',
    label: 'Navigation links',
    help: 'Extra links in the site menu, e.g. your Bluesky profile.',
    default: [],
    max: 6,
  },
] as const satisfies readonly SettingsField[];
