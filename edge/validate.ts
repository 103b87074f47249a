/**
 * Form validation at the door. `validForm` runs a zod schema over the posted
 * form; when it fails, the route's `onInvalid` re-renders the form with the
 * person's input and one message per field, instead of a bare 400.
 */
import { type FieldErrors, fieldErrors } from '../core/forms/field-errors';
import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import type { AppContext, AppEnv } from './context';

/** The posted form as strings (files ignored); Hono caches the parsed body, so reading it twice is free. */
export async function postedInput<E extends AppEnv>(
  c: AppContext<E>,
): Promise<Record<string, string>> {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(await c.req.parseBody())) {
    if (typeof value === 'string') input[key] = value;
  }
  return input;
}

export function validForm<T extends z.ZodTypeAny, E extends AppEnv = AppEnv>(
  schema: T,
  onInvalid: (
    c: AppContext<E>,
    input: Record<string, string>,
    errors: FieldErrors,
  ) => Response | Promise<Response>,
) {
  return zValidator('form', schema, async (result, c) => {
    if (result.success) return;
    // The validator's hook sees Hono's default context type; the route's own is `E`.
    const context = c as unknown as AppContext<E>;
    return onInvalid(context, await postedInput(context), fieldErrors(result.error.issues));
  });
}
