/**
 * A site's settings as an HTML form, for any template: the form's values
 * made from saved settings, the posted form turned back into settings and
 * validated with the template's own `settingsSchema`, each problem keyed by
 * the form field it belongs to, and what differs when two saves collide.
 *
 * How fields travel, by kind:
 * - text, long text, choice and URL: one field named after the setting;
 * - yes/no: a checkbox, which sends nothing at all when unticked;
 * - colour: a typable hex field (`accent`), a colour picker
 *   (`accent-picker`) and the value both showed (`accent-was`): the hex
 *   field wins when it was changed, otherwise the picker, so both work
 *   without JavaScript;
 * - list of links: numbered rows (`navLinks-1-label`, `navLinks-1-url`),
 *   some left empty to add to; a row cleared is a link removed.
 */
import {
  settingsSchema,
  type Link,
  type Settings,
  type SettingsField,
} from '../../templates/settings';
import type { FieldErrors } from './field-errors';

/** Empty link rows offered after the filled ones (while under the field's maximum). */
export const EMPTY_LINK_ROWS = 2;

/** The form as shown: text for most fields, a tick for yes/no, rows for link lists. */
export type SettingsFormValues = Record<string, string | boolean | Link[]>;

type Posted = Record<string, string | undefined>;

/** The form field names of one link row. */
export const linkFieldNames = (field: string, row: number) => ({
  label: `${field}-${row}-label`,
  url: `${field}-${row}-url`,
});

export const pickerName = (field: string) => `${field}-picker`;
export const shownColourName = (field: string) => `${field}-was`;

/** `rows` followed by empty rows to fill in, never more rows in all than `max`. */
function withEmptyRows(rows: Link[], max: number): Link[] {
  const empty = Math.max(0, Math.min(EMPTY_LINK_ROWS, max - rows.length));
  return [...rows, ...Array.from({ length: empty }, () => ({ label: '', url: '' }))];
}

/** The form filled from saved settings. */
export function formValuesOf(
  fields: readonly SettingsField[],
  settings: Settings,
): SettingsFormValues {
  const values: SettingsFormValues = {};
  for (const field of fields) {
    const value = settings[field.name];
    if (field.kind === 'links') {
      values[field.name] = withEmptyRows(Array.isArray(value) ? value : [], field.max);
    } else if (field.kind === 'boolean') {
      values[field.name] = value === true;
    } else {
      values[field.name] = typeof value === 'string' ? value : '';
    }
  }
  return values;
}

/** Every link row of a posted form, in row order, empty rows included. */
function postedRows(field: string, input: Posted): Link[] {
  const pattern = new RegExp(`^${field}-(\\d{1,3})-(?:label|url)$`);
  const rows = new Set<number>();
  for (const key of Object.keys(input)) {
    const match = pattern.exec(key);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows]
    .sort((a, b) => a - b)
    .map((row) => {
      const names = linkFieldNames(field, row);
      return { label: input[names.label] ?? '', url: input[names.url] ?? '' };
    });
}

/** The colour the person chose: the hex field if they changed it, else the picker. */
function postedColour(field: string, input: Posted): string {
  const typed = input[field] ?? '';
  const shown = input[shownColourName(field)];
  const picked = input[pickerName(field)];
  const typedChanged = shown === undefined || typed.trim().toLowerCase() !== shown.toLowerCase();
  return typedChanged || !picked ? typed : picked;
}

/** The form as the person posted it, for showing it again (rows renumbered from 1). */
export function formValuesFromInput(
  fields: readonly SettingsField[],
  input: Posted,
): SettingsFormValues {
  const values: SettingsFormValues = {};
  for (const field of fields) {
    if (field.kind === 'links') {
      values[field.name] = withEmptyRows(
        postedRows(field.name, input).filter((row) => row.label || row.url),
        field.max,
      );
    } else if (field.kind === 'boolean') {
      values[field.name] = input[field.name] !== undefined;
    } else if (field.kind === 'colour') {
      values[field.name] = postedColour(field.name, input);
    } else {
      values[field.name] = input[field.name] ?? '';
    }
  }
  return values;
}

export type ParsedSettings = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

/**
 * The posted form as settings, validated by the template's schema. Problems
 * are keyed by form field: `title`, or `navLinks-2-url` for one link row
 * (numbered as `formValuesFromInput` shows the rows again), or `navLinks`
 * for the list as a whole.
 */
export function parseSettingsForm(fields: readonly SettingsField[], input: Posted): ParsedSettings {
  const raw: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === 'links') {
      raw[field.name] = postedRows(field.name, input).filter((row) => row.label || row.url);
    } else if (field.kind === 'boolean') {
      raw[field.name] = input[field.name] !== undefined;
    } else if (field.kind === 'colour') {
      raw[field.name] = postedColour(field.name, input);
    } else {
      raw[field.name] = input[field.name] ?? '';
    }
  }
  const parsed = settingsSchema(fields).safeParse(raw);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const [name, row, part] = issue.path;
    const key =
      typeof row === 'number' && (part === 'label' || part === 'url')
        ? linkFieldNames(String(name), row + 1)[part]
        : String(name ?? '');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The version the form was filled at; a missing or mangled one can only be stale. */
export function postedVersion(input: Posted): number {
  const version = Number(input.version);
  return Number.isInteger(version) && version >= 0 ? version : -1;
}

/** A setting's value in words, as the conflict table shows it. */
export function settingText(field: SettingsField, value: Settings[string] | undefined): string {
  switch (field.kind) {
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'choice':
      return field.options.find((o) => o.value === value)?.label ?? String(value ?? '');
    case 'links':
      return (Array.isArray(value) ? value : []).map((l) => `${l.label} — ${l.url}`).join('; ');
    default:
      return typeof value === 'string' ? value : '';
  }
}

/** Each setting where what is saved now differs from the person's version. */
export function settingsDifferences(
  fields: readonly SettingsField[],
  saved: Settings,
  yours: Settings,
): { label: string; saved: string; yours: string }[] {
  return fields
    .map((field) => ({
      label: field.label,
      saved: settingText(field, saved[field.name]),
      yours: settingText(field, yours[field.name]),
    }))
    .filter((row) => row.saved !== row.yours);
}
