/**
 * Writing many items back: BatchWriteItem, 25 puts a request, a few
 * requests at once. DynamoDB may accept a batch only in part (it answers
 * the rest as `UnprocessedItems`, typically while it is throttling a new
 * table that is warming up) or refuse it for throughput; either way the
 * rest is sent again after a backoff that doubles, with jitter, a bounded
 * number of times. A put overwrites, so a batch sent twice ends the same.
 */
import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { StoredItem } from './backup-format';

/** DynamoDB's limit on the requests in one BatchWriteItem. */
export const BATCH_SIZE = 25;

export interface BatchWriteOptions {
  /** Batches sent at once. */
  parallel?: number;
  /** Tries per batch before giving up. */
  attempts?: number;
  /** The first backoff; each next one doubles, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface BatchWriteReport {
  written: number;
  requests: number;
  /** Times some or all of a batch had to be sent again. */
  retries: number;
}

export class BatchWriteError extends Error {
  override name = 'BatchWriteError';
}

/** Errors after which the same batch may simply be sent again. */
const RETRYABLE =
  /ProvisionedThroughputExceeded|Throttling|RequestLimitExceeded|InternalServerError|ServiceUnavailable/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Puts every item of `items` into `table`. */
export async function writeItems(
  client: DynamoDBClient,
  table: string,
  items: readonly StoredItem[],
  { parallel = 4, attempts = 8, baseDelayMs = 50, maxDelayMs = 5_000 }: BatchWriteOptions = {},
): Promise<BatchWriteReport> {
  const report: BatchWriteReport = { written: 0, requests: 0, retries: 0 };
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) {
    batches.push(items.slice(i, i + BATCH_SIZE).map((Item) => ({ PutRequest: { Item } })));
  }
  const backoff = (attempt: number) =>
    sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** attempt) * (0.5 + Math.random() / 2));

  const send = async (batch: WriteRequest[]) => {
    let pending = batch;
    for (let attempt = 0; ; attempt++) {
      let left: WriteRequest[];
      try {
        report.requests++;
        const answer = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [table]: pending } }),
        );
        left = answer.UnprocessedItems?.[table] ?? [];
      } catch (error) {
        if (!RETRYABLE.test((error as Error).name)) throw error;
        left = pending;
      }
      report.written += pending.length - left.length;
      if (left.length === 0) return;
      if (attempt + 1 >= attempts) {
        throw new BatchWriteError(
          `${left.length} items were still not written after ${attempts} tries; run the restore again`,
        );
      }
      report.retries++;
      pending = left;
      await backoff(attempt);
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < batches.length) await send(batches[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, worker));
  return report;
}
