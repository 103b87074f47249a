/**
 * A minimal DynamoDB client over aws4fetch: SigV4-signed JSON requests,
 * retries it decides itself (`retry.ts`: throttling always, a failure of
 * unknown outcome only where a replay is harmless, both bounded), and errors
 * that name DynamoDB's exception type. Data modules build on the typed
 * helpers here; route handlers never build requests themselves.
 */
import { AwsClient } from 'aws4fetch';
import {
  marshal,
  marshalItem,
  unmarshalItem,
  type AttributeValue,
  type Item,
} from '../../core/records/marshal';
import { decodeCursor, encodeCursor } from './cursor';
import { indexes, table, type IndexName } from '../../core/records/table';
import {
  backoffMs,
  defaultRetryPolicy,
  isRead,
  isThrottle,
  replaySafe,
  type RetryPolicy,
} from './retry';

export interface DynamoConfig {
  endpoint: string;
  region: string;
  table: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Overrides of the retry bounds (tests narrow the time budget). */
  retry?: Partial<RetryPolicy>;
}

/**
 * A request DynamoDB refused; `type` is its exception name, e.g.
 * `ConditionalCheckFailedException`. `attempts` says how many times it was
 * sent before the client gave up.
 */
export class DynamoError extends Error {
  constructor(
    readonly type: string,
    /** DynamoDB's own message. */
    readonly detail: string,
    readonly status: number,
    readonly attempts = 1,
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
    readonly operation: string,
    override readonly cause: unknown,
    attempts = 1,
  ) {
    super('NetworkError', `${operation} got no answer: ${String(cause)}`, 0, attempts);
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

export interface Key {
  pk: string;
  sk: string;
}

export interface PutOptions {
  /** A condition such as `attribute_not_exists(pk)`. */
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export interface QueryOptions {
  /** Only sort keys starting with this prefix. */
  prefix?: string;
  limit?: number;
  newestFirst?: boolean;
}

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
          failure = new DynamoError(failure.type, failure.detail, failure.status, attempt + 1);
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
      throw new DynamoError(type, message, res.status);
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

export interface PageOptions extends QueryOptions {
  index?: IndexName;
  cursor?: string;
  /** Only these attributes of each item (the keys are always included). */
  attributes?: readonly string[];
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  next?: string;
}

const utf8 = new TextDecoder();

/** A JSON object from a response body, or an empty one if the body is not JSON. */
function parseJson(body: ArrayBuffer): Record<string, unknown> {
  try {
    return JSON.parse(utf8.decode(body)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The condition and the attribute names and values its expressions use. */
function conditionParts({ condition, names, values }: PutOptions) {
  return {
    ...(condition && { ConditionExpression: condition }),
    ...(names && { ExpressionAttributeNames: names }),
    ...(values && {
      ExpressionAttributeValues: Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, marshal(v)]),
      ),
    }),
  };
}
