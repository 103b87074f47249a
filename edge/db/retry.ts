/**
 * When the DynamoDB client may send a request again, and how long it waits.
 *
 * Two kinds of failure are worth another attempt, and they differ in what
 * DynamoDB did:
 * - **Throttled** (HTTP 400 `ProvisionedThroughputExceededException`,
 *   `ThrottlingException`, `RequestLimitExceeded`, or a 429): DynamoDB refused
 *   the request before applying it, so any operation may be sent again.
 *   (`TransactionInProgressException` answers only transactions sent with a
 *   client token, which this client never sends.)
 * - **Outcome unknown** (a 5xx, or the connection failed): the request may or
 *   may not have been applied. It is sent again only when applying it twice
 *   leaves what applying it once leaves (`replaySafe`); otherwise a write
 *   ends as `DynamoUncertainWrite` so its caller knows not to assume either.
 *
 * Every attempt is a Worker subrequest (50 per visit on the free plan, 1,000
 * on paid), so a call makes at most `retries + 1` = 4 of them: a page of a
 * dozen calls stays inside the free budget even if each one exhausts its
 * retries. Waits use exponential backoff with full jitter (a random wait up
 * to 50, 100, 200 ms), so clients throttled together do not retry together,
 * and no retry starts once the call has spent `budgetMs` (1 s), so a visitor
 * waits a bounded time for an answer or a clear error.
 */

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** The cap of the first wait; each later one doubles it. */
  baseDelayMs: number;
  /** No retry starts after this much time since the first attempt. */
  budgetMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 3, baseDelayMs: 50, budgetMs: 1000 };

const throttles = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/** DynamoDB refused the request for its rate, before applying it. */
export const isThrottle = (status: number, type: string) =>
  status === 429 || (status === 400 && throttles.has(type));

/** Operations that only read: retried on any transient failure, never a write's uncertainty. */
const reads = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'DescribeTable']);

export const isRead = (operation: string) => reads.has(operation);

/**
 * Whether sending `body` again after an unknown outcome is harmless:
 * - reads;
 * - `PutItem`, `DeleteItem` and `BatchWriteItem` (puts and deletes only):
 *   their effect is absolute, the same item or no item;
 * - `UpdateItem` whose expression only sets, removes or deletes from sets,
 *   with values that do not depend on what is stored. One that counts
 *   (`ADD`, `SET x = x + :n`) or appends (`list_append`) is never replayed.
 *
 * A condition does not make a counting update safe (`count < :limit` still
 * holds after the first increment), and a replayed write can be refused by
 * the condition its own first attempt made false (`attribute_not_exists`,
 * `version = :v`): the client reports that as `DynamoUncertainWrite` too,
 * never as someone else's conflict. Anything else is not replayed.
 */
export function replaySafe(operation: string, body: { UpdateExpression?: unknown }): boolean {
  if (isRead(operation)) return true;
  if (['PutItem', 'DeleteItem', 'BatchWriteItem'].includes(operation)) return true;
  if (operation !== 'UpdateItem') return false;
  return !accumulates(String(body.UpdateExpression ?? ''));
}

/** An update expression whose result depends on the value it replaces. */
function accumulates(expression: string): boolean {
  // Placeholders (`:add`, `#count`) may spell a keyword; only the expression's own words count.
  const words = expression.replace(/[:#][A-Za-z0-9_]+/g, 'x');
  return /\bADD\b/i.test(words) || /[+-]/.test(words) || /\blist_append\s*\(/i.test(words);
}

/** The wait before retry `attempt` (0 for the first retry): full jitter under a doubling cap. */
export const backoffMs = (attempt: number, policy: RetryPolicy, random = Math.random) =>
  random() * policy.baseDelayMs * 2 ** attempt;
