/**
 * A save the storage did not take loses nothing. When DynamoDB refuses a
 * write for a reason of its own, or does not answer, a form comes back as
 * it was sent, every field as typed, with `notSaved` above it and a 503, the
 * same as the item editor. Validation problems and version conflicts are not
 * storage failures: they keep their own answers. One-button forms have no
 * typed text to keep; for them `app.onError` answers `storageDown()`.
 */
import type { FormNotice } from '../views/components/form-notice';
import { isStorageFailure } from './db/dynamo';
import { failureSummary } from './failure-log';

export const notSaved: FormNotice = {
  tone: 'problem',
  text: 'Not saved: the neighborhood’s storage did not answer. Nothing you typed is lost; try again.',
};

/**
 * The answer to `error`, thrown while saving `what`: when the storage failed,
 * `again` (the form as typed, showing `notice`) with `status`; anything else
 * is thrown on, to its own handler.
 */
export function answerNotSaved<R>(
  error: unknown,
  what: string,
  again: (notice: FormNotice, status: 503) => R,
): R {
  if (!isStorageFailure(error)) throw error;
  console.error(`${what} not saved`, failureSummary(error));
  return again(notSaved, 503);
}
