/**
 * What a person may type into "Sign in with Bluesky": a handle such as
 * `alice.bsky.social` (a leading `@` and surrounding spaces are forgiven) or
 * a DID. The messages are shown next to the field.
 */
import { z } from 'zod';

/** The longest a handle can be (a DNS name). */
export const HANDLE_MAX = 253;

const HANDLE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DID = /^did:(plc:[a-z2-7]{24}|web:[a-zA-Z0-9.%:-]+)$/;

/** Where to go after signing in: a path on this site only, never another origin. */
export const localPath = z
  .string()
  .optional()
  .transform((v) => (v && /^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(v) ? v : undefined));

export const signInSchema = z.object({
  next: localPath,
  handle: z
    .string()
    .default('')
    .transform((raw) => {
      const typed = raw.trim().replace(/^@/, '');
      // Handles are case-insensitive; DIDs are not.
      return typed.startsWith('did:') ? typed : typed.toLowerCase();
    })
    .pipe(
      z
        .string()
        .min(1, 'Enter your handle, for example alice.bsky.social.')
        .max(HANDLE_MAX, 'That is longer than any handle can be. Check what you typed.')
        .refine(
          (v) => HANDLE.test(v) || DID.test(v),
          'That does not look like a handle. A handle has a dot in it, like alice.bsky.social, and no spaces.',
        ),
    ),
});
