/**
 * A minimal DynamoDB client over aws4fetch: SigV4-signed JSON requests, a
 * bounded retry count (each retry spends a Worker subrequest), and errors
 * that name DynamoDB's exception type. Data modules build on the typed
 * helpers here; route handlers never build requests themselves.
 */
import { AwsClient } from 'aws4fetch';
import { marshal, marshalItem, unmarshalItem, type AttributeValue, type Item } from './marshal';

export interface DynamoConfig {
  endpoint: string;
  region: string;
  table: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** A request DynamoDB refused; `type` is its exception name, e.g. `ConditionalCheckFailedException`. */
export class DynamoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(`${type}: ${message}`);
    this.name = 'DynamoError';
  }
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof DynamoError && error.type === 'ConditionalCheckFailedException';
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

  constructor(config: DynamoConfig) {
    this.table = config.table;
    this.#endpoint = config.endpoint;
    this.#aws = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      region: config.region,
      service: 'dynamodb',
      retries: 2,
    });
  }

  /** Sends one DynamoDB API call and returns its parsed JSON answer. */
  async call<T = Record<string, unknown>>(operation: string, body: object): Promise<T> {
    const res = await this.#aws.fetch(this.#endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
      },
      body: JSON.stringify(body),
    });
    const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
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
    const values: Record<string, unknown> = { ':pk': pk };
    let condition = '#pk = :pk';
    if (options.prefix !== undefined) {
      condition += ' AND begins_with(#sk, :prefix)';
      values[':prefix'] = options.prefix;
    }
    const out = await this.call<{ Items: Record<string, AttributeValue>[] }>('Query', {
      TableName: this.table,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: {
        '#pk': 'pk',
        ...(options.prefix !== undefined && { '#sk': 'sk' }),
      },
      ExpressionAttributeValues: marshalItem(values),
      ScanIndexForward: !options.newestFirst,
      ...(options.limit && { Limit: options.limit }),
    });
    return out.Items.map((item) => unmarshalItem(item) as T);
  }
}

function conditionParts({ condition, names, values }: PutOptions) {
  if (!condition) return {};
  return {
    ConditionExpression: condition,
    ...(names && { ExpressionAttributeNames: names }),
    ...(values && {
      ExpressionAttributeValues: Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, marshal(v)]),
      ),
    }),
  };
}
