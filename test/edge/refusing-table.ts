/**
 * A storage that refuses some writes, for the tests that a failed save
 * loses nothing. The failure is real: the Worker runs against its own table
 * in the same dynalite, built with an extra index for each of `attributes`
 * whose key is that attribute as a number. Every item can still be read,
 * and written as long as it has none of them, or has them as numbers; a
 * write storing one as text (what a form sends) is refused by DynamoDB with
 * a ValidationException. And
 * `fillToItemLimit` grows a record to DynamoDB's 400 KB item limit, so any
 * change that makes it larger is refused while it reads as before.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { app } from '../../edge/app';
import { Dynamo, isStorageFailure, type Key } from '../../edge/db/dynamo';
import type { Item } from '../../core/records/marshal';
import { createTableInput } from '../../core/records/table';
import type { Env } from '../../edge/env';
import { bindings, ORIGIN } from './support';

export interface RefusingTable {
  /** The Worker's bindings, pointed at the table. */
  env: Env;
  db: Dynamo;
  /** GETs a page from the Worker running on this table. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** POSTs a form to the Worker running on this table. */
  post(
    path: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

export async function tableRefusingText(...attributes: string[]): Promise<RefusingTable> {
  const table = `refuses-text-${crypto.randomUUID().slice(0, 8)}`;
  const env: Env = { ...bindings, DYNAMODB_TABLE: table };
  const db = new Dynamo({
    endpoint: bindings.DYNAMODB_ENDPOINT,
    table,
    region: bindings.AWS_REGION,
    accessKeyId: bindings.AWS_ACCESS_KEY_ID,
    secretAccessKey: bindings.AWS_SECRET_ACCESS_KEY,
  });
  const input = createTableInput(table);
  await db.call('CreateTable', {
    ...input,
    AttributeDefinitions: [
      ...input.AttributeDefinitions,
      ...attributes.map((name) => ({ AttributeName: name, AttributeType: 'N' })),
    ],
    GlobalSecondaryIndexes: [
      ...input.GlobalSecondaryIndexes,
      ...attributes.map((name) => ({
        IndexName: `${name}AsNumber`,
        KeySchema: [{ AttributeName: name, KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      })),
    ],
  });
  // dynalite makes a table ACTIVE a moment after CreateTable returns.
  for (let tries = 0; tries < 50; tries++) {
    const { Table } = await db.call<{ Table: { TableStatus: string } }>('DescribeTable', {
      TableName: table,
    });
    if (Table.TableStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  async function send(path: string, init: RequestInit) {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`${ORIGIN}${path}`, { redirect: 'manual', ...init }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  }
  const get = (path: string, headers: Record<string, string> = {}) => send(path, { headers });
  const post = (path: string, form: Record<string, string>, headers = {}) =>
    send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  return { env, db, get, post };
}

const DYNAMODB_ITEM_LIMIT = 409_600;

/**
 * Stores `record` with a `padding` attribute as long as DynamoDB still
 * takes (found by halving), so the item is at the limit to the byte.
 */
export async function fillToItemLimit(db: Dynamo, record: Key & Item): Promise<void> {
  const fits = (size: number) =>
    db.put({ ...record, padding: 'x'.repeat(size) }).then(
      () => true,
      (error: unknown) => {
        if (isStorageFailure(error)) return false;
        throw error;
      },
    );
  let low = 0;
  let high = DYNAMODB_ITEM_LIMIT;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await fits(middle)) low = middle;
    else high = middle;
  }
  await fits(low);
}
