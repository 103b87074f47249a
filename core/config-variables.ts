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
/** A variable naming an S3 bucket (3–63 of a–z, 0–9, `.` and `-`, starting and ending alphanumeric). */
export const bucketVariable = (name: string) =>
  z
    .string({ required_error: `${name} is not set` })
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      `${name} must be an S3 bucket name (3 to 63 of a-z, 0-9, "." and "-")`,
    );
/** A variable holding a CloudFront KeyValueStore's ARN. */
export const kvsArnVariable = (name: string) =>
  z
    .string({ required_error: `${name} is not set` })
    .regex(
      /^arn:aws:cloudfront::\d{12}:key-value-store\/[A-Za-z0-9-]{1,64}$/,
      `${name} must be a KeyValueStore ARN (arn:aws:cloudfront::ACCOUNT:key-value-store/ID)`,
    );
