/**
 * Labelled form fields that show their problem next to them. Every form uses
 * these, so every field has a label, a hint, `aria-invalid` and an error
 * message linked by `aria-describedby`, and keeps what the person typed.
 */
import type { Child } from 'hono/jsx';

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

function describedBy({ name, hint, error }: FieldProps) {
  const ids = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Around(props: FieldProps & { children: Child }) {
  return (
    <div class="field">
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
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string;
    maxlength?: number;
    type?: 'text' | 'url' | 'number';
    required?: boolean;
  },
) {
  return (
    <Around {...props}>
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        maxlength={props.maxlength}
        required={props.required}
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
