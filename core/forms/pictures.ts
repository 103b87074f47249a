/**
 * The Pictures page's forms: a picture's description, and the checks an
 * upload passes before anything is stored (how many, how large, what kind).
 * Pure, so the rules the page states are the rules the server enforces.
 */
import { z } from 'zod';
import { IMAGE_TYPE_NAMES, MB, pictureLimits, sniffImageType, type ImageType } from '../pictures';
import type { PictureUsage } from '../records/pictures';
import { bytesInWords } from './body-limits';

/** A description is alt text: a sentence or two, not an essay. */
export const DESCRIPTION_MAX = 500;

export const descriptionSchema = z.object({
  description: z
    .string()
    .trim()
    .max(DESCRIPTION_MAX, `A description may be up to ${DESCRIPTION_MAX} characters`),
  version: z.coerce.number().int().nonnegative(),
});

/** One chosen file as the upload sees it: its name, size and first bytes. */
export interface ChosenFile {
  name: string;
  bytes: number;
  head: Uint8Array;
}

/** The name a browser sent, without any folders (lynx sends the whole path). */
export const baseName = (name: string) => name.split(/[\\/]/).pop()?.trim() || 'picture';

/** A size over a limit, rounded up so it never reads as the limit itself: `20.1 MB`. */
const overSize = (bytes: number) => `${(Math.ceil((bytes / MB) * 10) / 10).toFixed(1)} MB`;

/** What the first bytes say the file is, or why it cannot be a picture. */
export function lookAt(file: ChosenFile): { type: ImageType } | { problem: string } {
  if (file.bytes === 0) return { problem: `${file.name} is empty` };
  if (file.bytes > pictureLimits.fileBytes) {
    return {
      problem: `${file.name} is ${overSize(file.bytes)}; a picture may be up to ${bytesInWords(pictureLimits.fileBytes)}`,
    };
  }
  const type = sniffImageType(file.head);
  if (!type) {
    const kinds = Object.values(IMAGE_TYPE_NAMES).join(', ');
    return { problem: `${file.name} is not a picture nbhd can read (it takes ${kinds})` };
  }
  return { type };
}

/**
 * Why this upload as a whole cannot be taken (too many files, or more than
 * the site has room for), or undefined when it fits.
 */
export function uploadProblem(
  files: readonly ChosenFile[],
  usage: PictureUsage,
): string | undefined {
  if (files.length === 0) return 'Choose at least one picture to upload.';
  if (files.length > pictureLimits.perUpload) {
    return `That is ${files.length} pictures; choose up to ${pictureLimits.perUpload} at a time.`;
  }
  const room = pictureLimits.perSite - usage.pictures;
  if (files.length > room) {
    return room <= 0
      ? `This site holds ${pictureLimits.perSite} pictures already, as many as a site may. Delete some to add others.`
      : `This site has room for ${room} more ${room === 1 ? 'picture' : 'pictures'} (a site holds up to ${pictureLimits.perSite}); choose fewer.`;
  }
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  if (usage.bytes + bytes > pictureLimits.siteBytes) {
    return `These pictures are ${bytesInWords(bytes)}, more than the ${bytesInWords(Math.max(0, pictureLimits.siteBytes - usage.bytes))} this site has left (a site holds up to ${bytesInWords(pictureLimits.siteBytes)} of pictures).`;
  }
  return undefined;
}
