/**
 * Form fields generated from a template's declared settings, one component
 * per field kind: text, long text, colour (a picker plus its typable hex
 * code, so basic browsers work too), choice (radio buttons), yes/no (a
 * checkbox), web address, and a list of links (label and address rows, some
 * empty to add to). Every field has its label, its help text and limit, and
 * its problem next to it, and shows what the person typed.
 */
import {
  linkFieldNames,
  pickerName,
  shownColourName,
  type SettingsFormValues,
} from '../../core/forms/settings-form';
import type {
  ChoiceField,
  ColourField,
  Link,
  LinksField,
  SettingsField,
  TextField as TextSetting,
} from '../../templates/settings';
import { Checkbox, TextArea, TextField } from './fields';
import { webAddressHint } from '../../templates/web-address';

type Errors = Record<string, string>;

function ErrorText({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p class="error" id={`${id}-error`} role="alert">
      {error}
    </p>
  );
}

const describedBy = (id: string, error?: string) =>
  error ? `${id}-hint ${id}-error` : `${id}-hint`;

function textHint(field: TextSetting): string {
  const limit = `At most ${field.max.toLocaleString('en')} characters`;
  return `${field.help} ${field.optional ? `${limit}; may be left empty.` : `${limit}.`}`;
}

function TextSettingField({ field, value, error }: FieldProps<TextSetting>) {
  const common = {
    name: field.name,
    label: field.label,
    hint: textHint(field),
    value: String(value ?? ''),
    maxlength: field.max,
    error,
  };
  return field.kind === 'longText' ? (
    <TextArea {...common} rows={5} />
  ) : (
    <TextField {...common} required={!field.optional} />
  );
}

function ColourSettingField({ field, value, error }: FieldProps<ColourField>) {
  const typed = String(value ?? '');
  // A picker needs a valid colour; after a bad entry it shows the default until fixed.
  const picked = /^#[0-9a-f]{6}$/i.test(typed) ? typed.toLowerCase() : field.default;
  return (
    <fieldset class="colour" aria-describedby={describedBy(field.name, error)}>
      <legend>{field.label}</legend>
      <p class="hint" id={`${field.name}-hint`}>
        {field.help} Pick a colour, or type its code like {field.default}.
      </p>
      <div class="colour-inputs">
        <div>
          <label for={pickerName(field.name)}>Pick</label>
          <input
            id={pickerName(field.name)}
            name={pickerName(field.name)}
            type="color"
            value={picked}
          />
        </div>
        <div>
          <label for={field.name}>Colour code</label>
          <input
            id={field.name}
            name={field.name}
            type="text"
            value={typed}
            maxlength={7}
            size={8}
            spellcheck={false}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${field.name}-error` : undefined}
          />
        </div>
      </div>
      <input type="hidden" name={shownColourName(field.name)} value={typed} />
      <ErrorText id={field.name} error={error} />
    </fieldset>
  );
}

function ChoiceSettingField({ field, value, error }: FieldProps<ChoiceField>) {
  return (
    <fieldset aria-describedby={describedBy(field.name, error)}>
      <legend>{field.label}</legend>
      <p class="hint" id={`${field.name}-hint`}>
        {field.help}
      </p>
      {field.options.map((option, i) => {
        const id = i === 0 ? field.name : `${field.name}-${option.value}`;
        return (
          <div class="field checkbox">
            <input
              id={id}
              name={field.name}
              type="radio"
              value={option.value}
              checked={option.value === value}
              aria-invalid={error ? 'true' : undefined}
            />
            <label for={id}>{option.label}</label>
          </div>
        );
      })}
      <ErrorText id={field.name} error={error} />
    </fieldset>
  );
}

function LinksSettingField({ field, value, errors }: FieldProps<LinksField> & { errors: Errors }) {
  const rows = Array.isArray(value) ? (value as Link[]) : [];
  return (
    <fieldset aria-describedby={describedBy(field.name, errors[field.name])}>
      <legend>{field.label}</legend>
      <p class="hint" id={`${field.name}-hint`}>
        {field.help} Up to {field.max}; fill in an empty row to add one, clear a row to remove it.
        Addresses: {webAddressHint}
      </p>
      <ErrorText id={field.name} error={errors[field.name]} />
      {rows.map((row, i) => {
        const names = linkFieldNames(field.name, i + 1);
        return (
          <div class="link-slot">
            <TextField
              name={names.label}
              label={`Link ${i + 1}: label`}
              value={row.label}
              maxlength={40}
              error={errors[names.label]}
            />
            <TextField
              name={names.url}
              label={`Link ${i + 1}: address`}
              type="url"
              value={row.url}
              maxlength={500}
              error={errors[names.url]}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

interface FieldProps<F extends SettingsField> {
  field: F;
  value: SettingsFormValues[string] | undefined;
  error?: string;
}

/** One generated field, by kind. */
export function SettingsFieldInput({
  field,
  values,
  errors,
}: {
  field: SettingsField;
  values: SettingsFormValues;
  errors: Errors;
}) {
  const value = values[field.name];
  const error = errors[field.name];
  switch (field.kind) {
    case 'text':
    case 'longText':
      return <TextSettingField field={field} value={value} error={error} />;
    case 'colour':
      return <ColourSettingField field={field} value={value} error={error} />;
    case 'choice':
      return <ChoiceSettingField field={field} value={value} error={error} />;
    case 'boolean':
      return (
        <Checkbox
          name={field.name}
          label={field.label}
          hint={field.help}
          checked={value === true}
          error={error}
        />
      );
    case 'url':
      return (
        <TextField
          name={field.name}
          label={field.label}
          type="url"
          hint={`${field.help} ${webAddressHint} Leave empty for none.`}
          value={String(value ?? '')}
          maxlength={500}
          error={error}
        />
      );
    case 'links':
      return <LinksSettingField field={field} value={value} errors={errors} />;
  }
}

/** Every field a template declares, in its order. */
export function SettingsFields(props: {
  fields: readonly SettingsField[];
  values: SettingsFormValues;
  errors?: Errors;
}) {
  const errors = props.errors ?? {};
  return (
    <>
      {props.fields.map((field) => (
        <SettingsFieldInput field={field} values={props.values} errors={errors} />
      ))}
    </>
  );
}
