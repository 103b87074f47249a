/**
 * How many bytes one request may send, checked before anything reads the
 * body. Sized from the largest legitimate form with room: the item editor,
 * whose text may be `limits.body` characters. Percent-encoded, a character
 * of most scripts takes up to 9 bytes (3 UTF-8 bytes, each written `%XX`),
 * so the editor's allowance is that, plus room for the other fields.
 * Every other form is a few thousand characters at most.
 */
import { limits } from '../../templates/content';
import { UPLOAD_BYTES } from '../pictures';

/** Any form but the item editor's: settings, profiles, sign-in, admin forms. */
export const FORM_BYTES = 64 * 1024;

/**
 * The item editor (saving and checking a field), whose text can be long:
 * 1 MB, above the 9 bytes a character its text may take, plus the form's
 * other fields (`limits.body * 9 + FORM_BYTES`, 942 KB).
 */
export const ITEM_FORM_BYTES = Math.max(1024 * 1024, limits.body * 9 + FORM_BYTES);

/** The item editor's addresses: `/sites/:name/items`, `…/items/:id`, `…/items/:id/check`. */
const ITEM_FORM = /^\/sites\/[^/]+\/items(?:\/[^/]+(?:\/check)?)?$/;

/** A site's picture upload, `/sites/:name/pictures`: several phone photos at once. */
export const PICTURE_UPLOAD = /^\/sites\/[^/]+\/pictures$/;

/** The most a request to `path` may send. */
export function bodyLimitFor(path: string): number {
  if (PICTURE_UPLOAD.test(path)) return UPLOAD_BYTES;
  return ITEM_FORM.test(path) ? ITEM_FORM_BYTES : FORM_BYTES;
}

/** A byte count in words: `64 KB`, `1 MB`. */
export function bytesInWords(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.floor(bytes / (1024 * 1024))} MB`
    : `${Math.floor(bytes / 1024)} KB`;
}
