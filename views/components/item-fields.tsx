/**
 * The item editor's fields: labelled, with a hint, the problem next to the
 * field (`aria-invalid`, `aria-describedby`) and gentle warnings that do not
 * stop a save. With htmx, a field with `check` asks the server about itself
 * when it changes and is replaced by the answer (the same component), so
 * the problem shows before the person presses Save; without it, Save does
 * the same check.
 */
import type { Child } from 'hono/jsx';

export interface ItemFieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  warnings?: string[];
  /** Where htmx posts the form to check this field as it changes. */
  check?: string;
}

function describedBy({ name, hint, error, warnings }: ItemFieldProps) {
  const ids = [
    hint && `${name}-hint`,
    error && `${name}-error`,
    warnings?.length && `${name}-warning`,
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The attributes every control shares. */
const control = (props: ItemFieldProps) => ({
  id: props.name,
  name: props.name,
  'aria-describedby': describedBy(props),
  'aria-invalid': props.error ? 'true' : undefined,
});

/** The field's frame: label, hint, control, problem, warnings; the unit htmx swaps. */
export function ItemField(props: ItemFieldProps & { children: Child }) {
  const check = props.check
    ? {
        'hx-post': `${props.check}?field=${props.name}`,
        'hx-trigger': 'change',
        'hx-swap': 'outerHTML',
      }
    : {};
  return (
    <div class="field" id={`field-${props.name}`} {...check}>
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

export function ItemInput(
  props: ItemFieldProps & {
    value: string;
    type?: 'text' | 'url' | 'date' | 'number';
    maxlength?: number;
    placeholder?: string;
  },
) {
  return (
    <ItemField {...props}>
      <input
        {...control(props)}
        type={props.type ?? 'text'}
        value={props.value}
        maxlength={props.maxlength}
        placeholder={props.placeholder}
      />
    </ItemField>
  );
}

export function ItemTextArea(
  props: ItemFieldProps & { value: string; rows?: number; maxlength?: number },
) {
  return (
    <ItemField {...props}>
      <textarea {...control(props)} rows={props.rows ?? 4} maxlength={props.maxlength}>
        {props.value}
      </textarea>
    </ItemField>
  );
}
