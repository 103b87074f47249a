/**
 * Each field of the item form by name, so the editor and the inline check
 * (which answers one field with htmx) render exactly the same markup. The
 * template's extras decide which fields exist; labels and hints name the
 * limits from the item schema.
 */
import type { ItemExtra, ItemFormValues } from '../../../core/forms/item';
import type { ItemWarning } from '../../../core/forms/markdown-lint';
import type { FieldErrors } from '../../../core/forms/field-errors';
import { limits, slugPattern, type ItemKind } from '../../../templates/content';
import type { TemplateDefinition } from '../../../templates/template';
import { TextArea, TextField, type FieldProps } from '../../components/fields';
import { pictureRef } from '../../../core/pictures';
import type { Picture } from '../../../core/records/pictures';
import { itemPagePath } from '../../../core/paths';
import { webAddressHint } from '../../../templates/web-address';

/** The text fields in the order the form shows them. */
export const formFields = [
  'title',
  'slug',
  'number',
  'date',
  'tags',
  'summary',
  'link',
  'imageUrl',
  'imageAlt',
  'body',
] as const satisfies readonly (keyof ItemFormValues)[];

export type FormField = (typeof formFields)[number];

export interface FieldContext {
  template: TemplateDefinition;
  kind: ItemKind;
  extras: readonly ItemExtra[];
  values: ItemFormValues;
  errors: FieldErrors;
  warnings: ItemWarning[];
  /** Where htmx posts the form to check one field. */
  check: string;
  /** The site's pictures, for the picture field's choices. */
  pictures?: Picture[];
}

/** How many of the site's pictures the picture field's hint names. */
const NAMED_PICTURES = 8;

/**
 * A project's picture: one of the site's own, chosen from a list as the
 * field is typed in where the browser offers one (a `<datalist>`) and named
 * in the hint for the rest, or the address of a picture on the web.
 */
function PictureField(props: {
  common: Omit<FieldProps, 'label'>;
  value: string;
  pictures: Picture[];
}) {
  const refs = props.pictures.map((p) => pictureRef(p.id));
  const named = refs.slice(0, NAMED_PICTURES).join(', ');
  const more = refs.length > NAMED_PICTURES ? ` and ${refs.length - NAMED_PICTURES} more` : '';
  const choices =
    refs.length > 0
      ? ` This site has ${named}${more}.`
      : ' Add pictures on the site’s Pictures page.';
  return (
    <>
      <TextField
        {...props.common}
        label="Picture"
        hint={`One of this site’s pictures, like picture:sungold, or the address of a picture on the web. ${webAddressHint} Optional.${choices}`}
        value={props.value}
        list={refs.length ? 'imageUrl-pictures' : undefined}
      />
      {refs.length > 0 && (
        <datalist id="imageUrl-pictures">
          {props.pictures.map((p) => (
            <option value={pictureRef(p.id)}>{p.description || p.id}</option>
          ))}
        </datalist>
      )}
    </>
  );
}

/** Whether this item has the field at all (extras belong to some templates' entries). */
export function hasField(field: FormField, extras: readonly ItemExtra[]): boolean {
  return (
    (extras as readonly string[]).includes(field) ||
    !['link', 'imageUrl', 'imageAlt', 'number'].includes(field)
  );
}

export function ItemFormField({ field, ...ctx }: FieldContext & { field: FormField }) {
  const common = {
    name: field,
    error: ctx.errors[field],
    warnings: ctx.warnings.filter((w) => w.field === field).map((w) => w.message),
    check: ctx.check,
  };
  const value = ctx.values[field];
  switch (field) {
    case 'title':
      return <TextField {...common} label="Title" value={value} maxlength={limits.title} />;
    case 'slug': {
      const where = itemPagePath(ctx.template, {
        kind: ctx.kind,
        slug: slugPattern.test(value) ? value : 'your-title',
      });
      return (
        <TextField
          {...common}
          label="Web address (slug)"
          hint={`The last part of its address: /${where}. Lower-case letters, digits and hyphens; leave empty to make one from the title.`}
          value={value}
          maxlength={limits.slug}
        />
      );
    }
    case 'number':
      return <TextField {...common} label="Issue number" type="number" value={value} />;
    case 'date':
      return (
        <TextField
          {...common}
          label="Date"
          hint="Choose the day from the calendar. Where the box is plain text, type year-month-day, like 2026-05-17."
          type="date"
          value={value}
        />
      );
    case 'tags':
      return (
        <TextField
          {...common}
          label="Tags"
          hint={`Separate them with commas, like: garden, recipes. At most ${limits.tags}.`}
          value={value}
        />
      );
    case 'summary':
      return (
        <TextArea
          {...common}
          label={ctx.template.id === 'showcase' && ctx.kind === 'entry' ? 'Description' : 'Summary'}
          hint={`A sentence or two for lists and link previews. At most ${limits.summary} characters.`}
          value={value}
          rows={2}
        />
      );
    case 'link':
      return (
        <TextField
          {...common}
          label="Link"
          hint={`Where the project lives. ${webAddressHint} Optional.`}
          type="url"
          value={value}
        />
      );
    case 'imageUrl':
      return <PictureField common={common} value={value} pictures={ctx.pictures ?? []} />;
    case 'imageAlt':
      return (
        <TextField
          {...common}
          label="Picture description"
          hint="What the picture shows, for people who cannot see it."
          value={value}
          maxlength={limits.imageAlt}
        />
      );
    case 'body':
      return (
        <TextArea
          {...common}
          label="Text"
          hint={`Written in Markdown; at most ${limits.body.toLocaleString('en')} characters.`}
          value={value}
          rows={16}
        />
      );
  }
}
