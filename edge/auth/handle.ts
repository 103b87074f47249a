/**
 * What a person may type into "Sign in with Bluesky": a handle such as
 * `alice.bsky.social` (a leading `@` and surrounding spaces are forgiven), a
 * DID, or what people copy when asked for their account: their profile's
 * address (`https://bsky.app/profile/alice.bsky.social`, with or without
 * `https://`, with a DID in it too) or their handle as a web address
 * (`https://alice.example.org/`). The messages are shown next to the field
 * and name what to type.
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

/** A profile's address on Bluesky's app (or its staging one): the handle or DID follows `/profile/`. */
const PROFILE_URL = /^(?:https?:\/\/)?(?:www\.|staging\.)?bsky\.app\/profile\/([^/?#\s]+)/i;
/** A handle typed as a web address: just a host, maybe with a slash after it. */
const HOST_URL = /^https?:\/\/([^/?#\s]+)\/?$/i;

/** The handle or DID in what was typed or pasted, as the identity lookup wants it. */
export function accountFromTyped(raw: string): string {
  let typed = raw.trim();
  const inUrl = PROFILE_URL.exec(typed)?.[1] ?? HOST_URL.exec(typed)?.[1];
  if (inUrl !== undefined) {
    try {
      typed = decodeURIComponent(inUrl);
    } catch {
      typed = inUrl;
    }
  }
  typed = typed.replace(/^@/, '');
  // Handles are case-insensitive; DIDs are not.
  return typed.startsWith('did:') ? typed : typed.toLowerCase();
}

const WHAT_TO_TYPE =
  'Type your handle, like alice.bsky.social, or paste the address of your Bluesky profile.';

export const signInSchema = z.object({
  next: localPath,
  handle: z
    .string()
    .default('')
    .transform(accountFromTyped)
    .pipe(
      z
        .string()
        .min(1, `Enter your handle. ${WHAT_TO_TYPE}`)
        .max(HANDLE_MAX, 'That is longer than any handle can be. Check what you typed.')
        .refine(
          (v) => HANDLE.test(v) || DID.test(v),
          `That does not look like a handle or a profile’s address. ${WHAT_TO_TYPE}`,
        ),
    ),
});
