/**
 * Labelled form fields that show their problem next to them. Every form uses
 * these, so every field has a label, a hint, `aria-invalid` and an error
 * message linked by `aria-describedby`, and keeps what the person typed.
 * A field may also carry warnings that do not stop a save, and, with htmx,
 * check itself: when it changes it posts the form to `check` and is
 * replaced by the answer (the same component), so a problem shows before
 * Save; without JavaScript, Save does the same check.
 */
import type { Child } from 'hono/jsx';

export interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** Gentle notes that do not stop a save (e.g. a picture without a description). */
  warnings?: string[];
  /** Where htmx posts the form to check this field as it changes. */
  check?: string;
}

function describedBy({ name, hint, error, warnings }: FieldProps) {
  const ids = [
    hint && `${name}-hint`,
    error && `${name}-error`,
    warnings?.length && `${name}-warning`,
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Around(props: FieldProps & { children: Child }) {
  const check = props.check && {
    id: `field-${props.name}`,
    'data-hx-post': `${props.check}?field=${props.name}`,
    'data-hx-trigger': 'change',
    'data-hx-swap': 'outerHTML',
  };
  return (
    <div class="field" {...check}>
      <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      {props.children}
      {props.error && (
        <p class="error" id={`${props.name}-error`} role="alert">
          {props.error}
        </p>
      )}
      {props.warnings?.length ? (
        <div class="warning" id={`${props.name}-warning`} role="status">
          {props.warnings.map((w) => (
            <p>{w}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string;
    maxlength?: number;
    type?: 'text' | 'url' | 'number' | 'date';
    required?: boolean;
    placeholder?: string;
    /** The id of a `<datalist>` of values to offer. */
    list?: string;
  },
) {
  return (
    <Around {...props}>
      <input
        id={props.name}
        name={props.name}
        // A web address is typed into a text field (with the phone's address keyboard):
        // the browser's own url check would refuse a bare `shop.example.org`, which we accept.
        type={props.type === 'url' ? 'text' : (props.type ?? 'text')}
        inputmode={props.type === 'url' ? 'url' : undefined}
        value={props.value ?? ''}
        maxlength={props.maxlength}
        required={props.required}
        placeholder={props.placeholder}
        list={props.list}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </Around>
  );
}

export function TextArea(
  props: FieldProps & { value?: string; maxlength?: number; rows?: number },
) {
  return (
    <Around {...props}>
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </Around>
  );
}

export function Choice(
  props: FieldProps & { value?: string; options: { value: string; label: string }[] },
) {
  return (
    <Around {...props}>
      <select
        id={props.name}
        name={props.name}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Around>
  );
}

export function Checkbox(props: FieldProps & { checked: boolean }) {
  return (
    <div class="field checkbox">
      <input
        id={props.name}
        name={props.name}
        type="checkbox"
        value="on"
        checked={props.checked}
        aria-describedby={describedBy(props)}
      />
      <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${props.name}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A summary at the top of a form that could not be saved. */
export function FormProblems({ errors }: { errors: Record<string, string> }) {
  const count = Object.keys(errors).length;
  if (!count) return null;
  return (
    <p class="error-summary" role="alert">
      {count === 1 ? 'One thing needs fixing' : `${count} things need fixing`} before this can be
      saved; see below. Nothing you typed was lost.
    </p>
  );
}
