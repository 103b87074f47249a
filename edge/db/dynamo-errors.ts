/**
 * What the DynamoDB client throws, and how callers tell the failures apart:
 * DynamoDB's own refusals (`DynamoError`, named by exception type), a
 * DynamoDB that did not answer (`DynamoUnreachable`), and a write whose
 * outcome is unknown (`DynamoUncertainWrite`).
 */

/**
 * A request DynamoDB refused; `type` is its exception name, e.g.
 * `ConditionalCheckFailedException`. `attempts` says how many times it was
 * sent before the client gave up, `operation` which call it was (for logs).
 */
export class DynamoError extends Error {
  constructor(
    readonly type: string,
    /** DynamoDB's own message. */
    readonly detail: string,
    readonly status: number,
    readonly attempts = 1,
    readonly operation?: string,
  ) {
    super(`${type}: ${detail}${attempts > 1 ? ` (gave up after ${attempts} attempts)` : ''}`);
    this.name = 'DynamoError';
  }
}

/**
 * A write whose outcome is unknown: an attempt met a 5xx or a broken
 * connection, so DynamoDB may or may not have applied it, and the client
 * did not (or could no longer) settle it by a harmless replay. The caller
 * must not assume either outcome: read back, or err on the safe side.
 * `cause` is the last failure.
 */
export class DynamoUncertainWrite extends Error {
  override name = 'DynamoUncertainWrite';
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(`${operation} may or may not have been applied (${String(cause)})`);
  }
}

/** DynamoDB could not be reached at all, or its answer broke off: the request may or may not have been applied. */
export class DynamoUnreachable extends DynamoError {
  constructor(
    override readonly operation: string,
    override readonly cause: unknown,
    attempts = 1,
  ) {
    super('NetworkError', `${operation} got no answer: ${String(cause)}`, 0, attempts, operation);
    this.name = 'DynamoUnreachable';
  }
}

export function isConditionFailure(error: unknown): error is DynamoError {
  return error instanceof DynamoError && error.type === 'ConditionalCheckFailedException';
}

/**
 * The storage failed under a request: DynamoDB refused it for a reason of its
 * own (throttling, an internal error, a validation rule), did not answer, or
 * left a write's outcome unknown. A failed condition is not one: the data
 * layer turns those into its own conflicts and rule errors, which have their
 * own answers.
 */
export function isStorageFailure(error: unknown): error is DynamoError | DynamoUncertainWrite {
  return (
    error instanceof DynamoUncertainWrite ||
    (error instanceof DynamoError && !isConditionFailure(error))
  );
}
