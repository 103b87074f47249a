/**
 * A minimal DynamoDB client over aws4fetch: SigV4-signed JSON requests,
 * retries it decides itself (`retry.ts`: throttling always, a failure of
 * unknown outcome only where a replay is harmless, both bounded), and errors
 * that name DynamoDB's exception type. Data modules build on the typed
 * helpers here; route handlers never build requests themselves.
 */
import { AwsClient } from 'aws4fetch';
import {
  marshalItem,
  unmarshalItem,
  type AttributeValue,
  type Item,
} from '../../core/records/marshal';
import { decodeCursor, encodeCursor } from './cursor';
import { indexes, table } from '../../core/records/table';
import {
  backoffMs,
  defaultRetryPolicy,
  isRead,
  isThrottle,
  replaySafe,
  type RetryPolicy,
} from './retry';
import { DynamoError, DynamoUncertainWrite, DynamoUnreachable } from './dynamo-errors';
import {
  conditionParts,
  parseJson,
  type Key,
  type Page,
  type PageOptions,
  type PutOptions,
  type QueryOptions,
} from './dynamo-requests';

export interface DynamoConfig {
  endpoint: string;
  region: string;
  table: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Overrides of the retry bounds (tests narrow the time budget). */
  retry?: Partial<RetryPolicy>;
}

export type { Key, Page, PageOptions, PutOptions, QueryOptions } from './dynamo-requests';
export {
  DynamoError,
  DynamoUncertainWrite,
  DynamoUnreachable,
  isConditionFailure,
  isStorageFailure,
} from './dynamo-errors';

export class Dynamo {
  readonly table: string;
  readonly #aws: AwsClient;
  readonly #endpoint: string;
  readonly #retry: RetryPolicy;

  constructor(config: DynamoConfig) {
    this.table = config.table;
    this.#endpoint = config.endpoint;
    this.#retry = { ...defaultRetryPolicy, ...config.retry };
    this.#aws = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      region: config.region,
      service: 'dynamodb',
      // aws4fetch would replay every 5xx, counters included: `call` decides instead.
      retries: 0,
    });
  }

  /**
   * Sends one DynamoDB API call and returns its parsed JSON answer, retrying
   * as `retry.ts` allows. A write that may have been applied but was not
   * confirmed throws `DynamoUncertainWrite`; any other failure throws the
   * last `DynamoError` (or the connection's error).
   */
  async call<T = Record<string, unknown>>(operation: string, body: object): Promise<T> {
    const json = JSON.stringify(body);
    const replayable = replaySafe(operation, body);
    const started = Date.now();
    let uncertain = false;
    for (let attempt = 0; ; attempt++) {
      let failure: unknown;
      try {
        return await this.#send<T>(operation, json);
      } catch (error) {
        failure = error;
      }
      const throttled = failure instanceof DynamoError && isThrottle(failure.status, failure.type);
      const unknownOutcome =
        failure instanceof DynamoUnreachable ||
        !(failure instanceof DynamoError) ||
        failure.status >= 500;
      uncertain ||= unknownOutcome;
      const wait = backoffMs(attempt, this.#retry);
      const retryable = throttled || (unknownOutcome && replayable);
      const withinBounds =
        attempt < this.#retry.retries && Date.now() - started + wait < this.#retry.budgetMs;
      if (!retryable || !withinBounds) {
        if (retryable && failure instanceof DynamoUnreachable) {
          failure = new DynamoUnreachable(operation, failure.cause, attempt + 1);
        } else if (retryable && failure instanceof DynamoError) {
          failure = new DynamoError(
            failure.type,
            failure.detail,
            failure.status,
            attempt + 1,
            operation,
          );
        }
        if (uncertain && !isRead(operation)) throw new DynamoUncertainWrite(operation, failure);
        throw failure;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** One attempt of `call`. */
  async #send<T>(operation: string, body: string): Promise<T> {
    let res: Response;
    let bytes: ArrayBuffer;
    try {
      res = await this.#aws.fetch(this.#endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${operation}`,
        },
        body,
      });
      bytes = await res.arrayBuffer();
    } catch (error) {
      throw new DynamoUnreachable(operation, error);
    }
    // Parsed from bytes: workerd warns when a non-JSON content type is read as text,
    // and DynamoDB answers `application/x-amz-json-1.0`.
    const data = parseJson(bytes);
    if (!res.ok) {
      const type =
        String(data.__type ?? 'UnknownError')
          .split('#')
          .pop() ?? 'UnknownError';
      // dynalite says `message`, DynamoDB and DynamoDB Local say `Message`.
      const message = String(data.message ?? data.Message ?? res.statusText);
      throw new DynamoError(type, message, res.status, 1, operation);
    }
    return data as T;
  }

  async get<T = Item>(key: Key): Promise<T | undefined> {
    const out = await this.call<{ Item?: Record<string, AttributeValue> }>('GetItem', {
      TableName: this.table,
      Key: marshalItem({ ...key }),
      ConsistentRead: true,
    });
    return out.Item ? (unmarshalItem(out.Item) as T) : undefined;
  }

  /**
   * Reads several items in one round trip (BatchGetItem), strongly consistent.
   * Returns them in the order of `keys`, `undefined` where an item is missing.
   */
  async getMany<T = Item>(keys: Key[]): Promise<(T | undefined)[]> {
    const found = new Map<string, T>();
    let pending: Record<string, AttributeValue>[] = keys.map((k) => marshalItem({ ...k }));
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 20 * round));
      if (round > 3) throw new DynamoError('UnprocessedKeys', 'batch read did not finish', 500);
      const out = await this.call<{
        Responses: Record<string, Record<string, AttributeValue>[]>;
        UnprocessedKeys?: Record<string, { Keys: Record<string, AttributeValue>[] }>;
      }>('BatchGetItem', {
        RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } },
      });
      for (const raw of out.Responses[this.table] ?? []) {
        const item = unmarshalItem(raw);
        found.set(`${item.pk}\n${item.sk}`, item as T);
      }
      pending = out.UnprocessedKeys?.[this.table]?.Keys ?? [];
    }
    return keys.map((k) => found.get(`${k.pk}\n${k.sk}`));
  }

  /**
   * Deletes `keys` without conditions, 25 to a BatchWriteItem (DynamoDB's
   * most), one batch after another: a few subrequests however many keys,
   * where one DeleteItem each could pass the Worker's subrequest limit.
   */
  async deleteMany(keys: Key[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 25) {
      let pending = keys
        .slice(i, i + 25)
        .map((k) => ({ DeleteRequest: { Key: marshalItem({ ...k }) } }));
      for (let round = 0; pending.length > 0; round++) {
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, 20 * round));
        if (round > 3)
          throw new DynamoError('UnprocessedItems', 'batch delete did not finish', 500);
        const out = await this.call<{ UnprocessedItems?: Record<string, typeof pending> }>(
          'BatchWriteItem',
          { RequestItems: { [this.table]: pending } },
        );
        pending = out.UnprocessedItems?.[this.table] ?? [];
      }
    }
  }

  /** An UpdateItem with a raw update expression; returns the item as it is afterwards. */
  async update<T = Item>(key: Key, update: string, options: PutOptions = {}): Promise<T> {
    const out = await this.call<{ Attributes: Record<string, AttributeValue> }>('UpdateItem', {
      TableName: this.table,
      Key: marshalItem({ ...key }),
      UpdateExpression: update,
      ReturnValues: 'ALL_NEW',
      ...conditionParts(options),
    });
    return unmarshalItem(out.Attributes) as T;
  }

  async put(item: Key & Item, options: PutOptions = {}): Promise<void> {
    await this.call('PutItem', {
      TableName: this.table,
      Item: marshalItem(item),
      ...conditionParts(options),
    });
  }

  async delete(key: Key, options: PutOptions = {}): Promise<void> {
    await this.call('DeleteItem', {
      TableName: this.table,
      Key: marshalItem({ ...key }),
      ...conditionParts(options),
    });
  }

  /** Items under one partition key, optionally narrowed to a sort-key prefix. */
  async query<T = Item>(pk: string, options: QueryOptions = {}): Promise<T[]> {
    return (await this.page<T>(pk, options)).items;
  }

  /**
   * One page of a query, on the table or on one of its indexes. `cursor` is
   * the opaque `next` of the previous page; a cursor that is not a key of
   * this query (mangled, or well-formed but from another list) is ignored,
   * and so is one DynamoDB refuses: a bad link shows the first page.
   */
  async page<T = Item>(pk: string, options: PageOptions = {}): Promise<Page<T>> {
    const keys = options.index ? indexes[options.index] : table;
    const hash = keys.partitionKey.name;
    const range = keys.sortKey.name;
    const values: Record<string, unknown> = { ':pk': pk };
    let condition = '#pk = :pk';
    if (options.prefix !== undefined) {
      condition += ' AND begins_with(#sk, :prefix)';
      values[':prefix'] = options.prefix;
    }
    const decoded = decodeCursor(options.cursor, [...new Set([hash, range, 'pk', 'sk'])]);
    const startKey =
      decoded?.[hash] === pk &&
      (options.prefix === undefined || decoded[range]!.startsWith(options.prefix))
        ? decoded
        : undefined;
    const projected = options.attributes && [
      ...new Set([hash, range, 'pk', 'sk', ...options.attributes]),
    ];
    const query = (start?: Record<string, string>) =>
      this.call<{
        Items: Record<string, AttributeValue>[];
        LastEvaluatedKey?: Record<string, AttributeValue>;
      }>('Query', {
        TableName: this.table,
        ...(options.index && { IndexName: indexes[options.index].name }),
        KeyConditionExpression: condition,
        ExpressionAttributeNames: {
          '#pk': hash,
          ...(options.prefix !== undefined && { '#sk': range }),
          ...(projected && Object.fromEntries(projected.map((name, i) => [`#a${i}`, name]))),
        },
        ...(projected && { ProjectionExpression: projected.map((_, i) => `#a${i}`).join(', ') }),
        ExpressionAttributeValues: marshalItem(values),
        ScanIndexForward: !options.newestFirst,
        ...(options.limit && { Limit: options.limit }),
        ...(start && { ExclusiveStartKey: marshalItem(start) }),
      });
    const out = await query(startKey).catch((error: unknown) => {
      if (startKey && error instanceof DynamoError && error.type === 'ValidationException') {
        return query();
      }
      throw error;
    });
    return {
      items: out.Items.map((item) => unmarshalItem(item) as T),
      next: out.LastEvaluatedKey ? encodeCursor(unmarshalItem(out.LastEvaluatedKey)) : undefined,
    };
  }
}
