/**
 * Checks for configuration variables, shared by the Worker's and the
 * builder's start-up validation so both name a missing or malformed
 * variable the same way.
 */
import { z } from 'zod';

/** A variable holding an absolute http(s) URL, trailing slashes dropped; errors name it. */
export const urlVariable = (name: string) =>
  z
    .string({ required_error: `${name} is not set` })
    .url(`${name} must be an absolute http(s) URL`)
    .refine((v) => /^https?:\/\//.test(v), `${name} must be an absolute http(s) URL`)
    .transform((v) => v.replace(/\/+$/, ''));
/** A variable that must be set and not empty; errors name it. */
export const requiredVariable = (name: string) =>
  z.string({ required_error: `${name} is not set` }).min(1, `${name} is not set`);
