/** A form's problems, one message per field, as the forms show them beside each field. */
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** The first problem for each field, keyed by the field's name. */
export function fieldErrors(issues: readonly z.ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}
