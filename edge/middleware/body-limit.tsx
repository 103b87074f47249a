/**
 * Request bodies are size-limited before anything parses them (the CSRF
 * check reads the form, so this runs first): a body over the limit is
 * refused with 413 without being read past the limit, so an oversized POST
 * cannot fill the Worker's memory. The item editor may send more than other
 * forms (`core/forms/body-limits.ts`). Without JavaScript the answer is a
 * page naming the limit, and going back brings the browser's copy of the
 * form; with htmx it is a notice added above the form, which is left as
 * typed.
 */
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { bodyLimitFor, bytesInWords, ITEM_FORM_BYTES } from '../../core/forms/body-limits';
import { pictureLimits, UPLOAD_BYTES } from '../../core/pictures';
import { limits } from '../../templates/content';
import type { AppContext, AppEnv } from '../context';
import { PageError } from '../errors';
import { isHtmx } from '../render';

function tooLarge(c: AppContext, maxSize: number) {
  if (maxSize === UPLOAD_BYTES) {
    throw new PageError(413, {
      title: 'Those pictures are too much to send at once',
      message: `One upload can send up to ${bytesInWords(maxSize)} of pictures, and each picture may be up to ${bytesInWords(pictureLimits.fileBytes)}. Nothing was added. Go back and choose fewer pictures at a time.`,
    });
  }
  const editor = maxSize === ITEM_FORM_BYTES;
  const most = bytesInWords(maxSize);
  const text = limits.body.toLocaleString('en');
  if (isHtmx(c)) {
    c.header('Cache-Control', 'no-store');
    // Added above the form it came from; the form itself keeps every character.
    c.header('HX-Reswap', 'afterbegin');
    return c.html(
      <p class="error-summary" role="alert">
        Not saved: that is more than one save can send (up to {most}
        {editor && `, room for the longest text an item may have, ${text} characters`}). Everything
        you typed is still here: shorten it, then save again.
      </p>,
      413,
    );
  }
  throw new PageError(413, {
    title: 'That was too much to send at once',
    message: editor
      ? `A save can send up to ${most}, room for the longest text an item may have (${text} characters). Nothing was saved. Go back: your browser keeps what you typed. Then shorten the text, or split it into two.`
      : `A form here can send up to ${most}, far more than any of ours needs. Nothing was changed. Go back and try again with less.`,
  });
}

export const limitBodies = createMiddleware<AppEnv>(async (c, next) => {
  const maxSize = bodyLimitFor(c.req.path);
  return bodyLimit({ maxSize, onError: (ctx) => tooLarge(ctx as AppContext, maxSize) })(c, next);
});
