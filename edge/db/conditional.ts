/**
 * Conditional writes as answers rather than exceptions. Without transactions,
 * every rule the data layer keeps (one name per site, one claim per slug,
 * the version a form was opened at) is a write that DynamoDB may refuse
 * because its condition no longer holds. `conditionally` turns that refusal
 * into a typed outcome, so callers branch on it instead of catching; a
 * version-checked save that lost the race throws a `VersionConflict`
 * carrying what is stored now.
 */
import { isConditionFailure, type DynamoError } from './dynamo';

/** What a conditional write did: written (with what the write returned), or refused by its condition. */
export type Written<T> = { written: true; value: T } | { written: false; error: DynamoError };

/**
 * Awaits a conditional write (`db.put`, `db.update`, `db.delete` with a
 * `condition`) and says whether it was written. A failed condition is an
 * answer, `{ written: false }`, with DynamoDB's refusal kept for callers that
 * pass it on; every other error still throws.
 */
export async function conditionally<T>(write: Promise<T>): Promise<Written<T>> {
  try {
    return { written: true, value: await write };
  } catch (error) {
    if (isConditionFailure(error)) return { written: false, error };
    throw error;
  }
}

/**
 * Someone else changed the item since it was read; `current` is what it is
 * now (undefined if it is gone). Each kind of record throws its own subclass
 * (`MemberVersionConflict`, `ItemVersionConflict`, …): `instanceof` cannot
 * recover a type argument, so a caller checks for the subclass and reads
 * `current` with its type.
 */
export class VersionConflict<T> extends Error {
  override name = 'VersionConflict';
  constructor(readonly current: T | undefined) {
    super('the item changed since it was read');
  }
}
