/**
 * The builder protocol's picture requests and their answers (see
 * `builder-protocol.ts`, which puts them in its unions): processing
 * uploads into their files, and deleting pictures' files. Pure: only zod
 * and the picture and site-address rules.
 */
import { z } from 'zod';
import { PICTURE_KEY_PATTERN, pictureLimits, UPLOAD_ID_PATTERN } from './pictures';
import { SITE_NAME_PATTERN } from './site-address';

const siteName = z
  .string({ required_error: 'site is missing' })
  .regex(SITE_NAME_PATTERN, 'site is not a site name');

const upload = z
  .string({ required_error: 'upload is missing' })
  .regex(UPLOAD_ID_PATTERN, 'upload is not an upload id');

/**
 * Processes pictures the edge just put at `originalPictureKey(site, upload)`:
 * each is decoded, checked, and made into its widths and formats under
 * `sites/<site>/_pictures/`. An original that is not a picture nbhd can
 * read is deleted again, so a refused upload leaves nothing behind. The
 * edge writes the records from the answer.
 */
export const picturesRequestSchema = z.object({
  kind: z.literal('pictures'),
  site: siteName,
  uploads: z
    .array(z.object({ upload, name: z.string().max(500) }))
    .min(1)
    .max(pictureLimits.perUpload),
});

/**
 * Deletes pictures' files: each upload's original and, when `key` is given,
 * its processed files (left alone for a duplicate, whose processed files
 * belong to the picture it duplicates).
 */
export const forgetPicturesRequestSchema = z.object({
  kind: z.literal('forget-pictures'),
  site: siteName,
  pictures: z
    .array(z.object({ upload, key: z.string().regex(PICTURE_KEY_PATTERN).optional() }))
    .min(1)
    .max(pictureLimits.perSite),
});

/**
 * Each upload's outcome, in the order asked: `processed` with what the
 * record needs, or `refused` with the problem in words a member reads
 * ("IMG_1.JPG is not a picture: …"), its original already deleted.
 */
export const picturesResponseSchema = z.object({
  kind: z.literal('pictures'),
  results: z.array(
    z.discriminatedUnion('outcome', [
      z.object({
        outcome: z.literal('processed'),
        upload,
        type: z.enum(['jpeg', 'png', 'gif', 'webp', 'heic', 'avif']),
        bytes: z.number().int().nonnegative(),
        key: z.string().regex(PICTURE_KEY_PATTERN),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        widths: z.array(z.number().int().positive()).min(1),
        fallback: z.enum(['jpeg', 'png']),
        processedBytes: z.number().int().nonnegative(),
      }),
      z.object({ outcome: z.literal('refused'), upload, problem: z.string() }),
    ]),
  ),
});

export const forgetPicturesResponseSchema = z.object({
  kind: z.literal('forgotten'),
  files: z.number().int().nonnegative(),
});
