/**
 * The DynamoDB client's retries, against real dynalite behind a proxy that
 * throttles, fails or cuts chosen requests (the emulators never do). What
 * the tests check is what dynalite holds afterwards, read past the proxy,
 * and how many requests reached the proxy.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminCountKey } from '../../core/records/neighborhood';
import { siteCountKey, siteKey } from '../../core/records/sites';
import { countAdmin } from '../../edge/db/admin-count';
import { Dynamo, DynamoError, DynamoUncertainWrite, type DynamoConfig } from '../../edge/db/dynamo';
import { allow, counterKey, limits } from '../../edge/db/rate-limit';
import { replaySafe } from '../../edge/db/retry';
import { createSite } from '../../edge/db/sites';
import { localDynamo } from '../../scripts/local/demo';
import {
  createTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
  type LocalDynamo,
} from '../../scripts/local/dynamo';
import { freePort } from '../../scripts/local/ports';
import { blog } from '../../templates/blog/template';
import { defaultSettings } from '../../templates/settings';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

const TABLE = 'nbhd-retry';
let dynalite: LocalDynamo;
let proxy: FaultProxy;
/** Straight to dynalite: what is really stored. */
let truth: Dynamo;
/** Through the proxy: the client under test. */
let db: Dynamo;
const client = (retry?: DynamoConfig['retry']) =>
  new Dynamo({
    endpoint: proxy.endpoint,
    table: TABLE,
    region: LOCAL_REGION,
    ...LOCAL_CREDENTIALS,
    retry,
  });

beforeAll(async () => {
  dynalite = await startDynalite(await freePort());
  await createTable(dynalite.endpoint, TABLE);
  proxy = await startFaultProxy(dynalite.endpoint);
  truth = localDynamo(dynalite.endpoint, TABLE);
  db = client();
});
afterAll(async () => {
  await proxy?.close();
  await dynalite?.close();
});
let n = 0;
/** A fresh key for each test, so no test sees another's items. */
let key: { pk: string; sk: string };
beforeEach(() => {
  key = { pk: `T#retry-${++n}`, sk: 'X' };
  proxy.reset();
});
afterEach(() => {
  expect(proxy.strays()).toEqual([]);
});

const stored = async () => (await truth.get<{ n?: number }>(key))?.n;
const add = (client = db) =>
  client.update(key, 'ADD #n :one', { names: { '#n': 'n' }, values: { ':one': 1 } });

describe('throttling', () => {
  it.each([
    'ProvisionedThroughputExceededException',
    'ThrottlingException',
    'RequestLimitExceeded',
  ])('retries a counter throttled with %s until it is applied, once', async (type) => {
    proxy.inject({ operation: 'UpdateItem', times: 2, kind: { throttle: type } });
    expect(await add()).toMatchObject({ n: 1 });
    expect(await stored()).toBe(1);
    expect(proxy.counts()).toEqual({ UpdateItem: 3 });
    expect(proxy.unserved()).toEqual([]);
  });

  it('gives up after three retries with an error that names the throttling', async () => {
    proxy.inject({
      operation: 'GetItem',
      times: 100,
      kind: { throttle: 'ProvisionedThroughputExceededException' },
    });
    const error = await db.get(key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoError);
    expect(error).toMatchObject({ type: 'ProvisionedThroughputExceededException', attempts: 4 });
    expect(String(error)).toMatch(/gave up after 4 attempts/);
    expect(proxy.counts()).toEqual({ GetItem: 4 });
  });

  it('starts no retry once the call has spent its time budget', async () => {
    proxy.inject({ operation: 'GetItem', times: 1, kind: 'refused' });
    const error = await client({ budgetMs: 0 })
      .get(key)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'InternalServerError', status: 500 });
    expect(proxy.counts()).toEqual({ GetItem: 1 });
  });
});

describe('a counter whose outcome is unknown', () => {
  const counters: [string, string, Record<string, number>][] = [
    ['ADD', 'ADD #n :one', { ':one': 1 }],
    ['SET n = n + 1', 'SET #n = if_not_exists(#n, :zero) + :one', { ':one': 1, ':zero': 0 }],
  ];

  it.each(counters)(
    '%s is not replayed when its answer was lost: applied once, the caller told',
    async (_, expression, values) => {
      proxy.inject({ operation: 'UpdateItem', times: 1, kind: 'lost' });
      const error = await db
        .update(key, expression, { names: { '#n': 'n' }, values })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoUncertainWrite);
      expect(await stored()).toBe(1);
      expect(proxy.counts()).toEqual({ UpdateItem: 1 });
    },
  );

  it('ADD is not replayed after a 500 before it reached DynamoDB: not applied, the caller told', async () => {
    proxy.inject({ operation: 'UpdateItem', times: 1, kind: 'refused' });
    const error = await add().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoUncertainWrite);
    expect((error as DynamoUncertainWrite).cause).toMatchObject({ status: 500 });
    expect(await stored()).toBeUndefined();
    expect(proxy.counts()).toEqual({ UpdateItem: 1 });
  });

  it('ADD is not replayed after a cut connection', async () => {
    proxy.inject({ operation: 'UpdateItem', times: 1, kind: 'reset' });
    expect(await add().catch((e: unknown) => e)).toBeInstanceOf(DynamoUncertainWrite);
    expect(await stored()).toBeUndefined();
    expect(proxy.counts()).toEqual({ UpdateItem: 1 });
  });
});

describe('requests that are safe to send again', () => {
  it('retries a read that met 500s, up to three times', async () => {
    await truth.put({ ...key, n: 7 });
    proxy.inject({ operation: 'GetItem', times: 3, kind: 'refused' });
    expect(await db.get(key)).toMatchObject({ n: 7 });
    expect(proxy.counts()).toEqual({ GetItem: 4 });
  });

  it('retries a read whose connection was cut', async () => {
    await truth.put({ ...key, n: 7 });
    proxy.inject({ operation: 'Query', times: 1, kind: 'reset' });
    expect(await db.query(key.pk)).toMatchObject([{ n: 7 }]);
    expect(proxy.counts()).toEqual({ Query: 2 });
  });

  it('replays a put and an update that only sets, whose connections were cut', async () => {
    proxy.inject({ operation: 'PutItem', times: 1, kind: 'reset' });
    proxy.inject({ operation: 'UpdateItem', times: 1, kind: 'reset' });
    await db.put({ ...key, n: 1 });
    await db.update(key, 'SET #m = :m', { names: { '#m': 'm' }, values: { ':m': 'x' } });
    expect(await truth.get(key)).toEqual({ ...key, n: 1, m: 'x' });
    expect(proxy.counts()).toEqual({ PutItem: 2, UpdateItem: 2 });
  });

  it('calls a conditional write that its own lost first attempt made fail uncertain, not a conflict', async () => {
    proxy.inject({ operation: 'PutItem', times: 1, kind: 'lost' });
    const error = await db
      .put({ ...key, n: 1 }, { condition: 'attribute_not_exists(pk)' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoUncertainWrite);
    expect((error as DynamoUncertainWrite).cause).toMatchObject({
      type: 'ConditionalCheckFailedException',
    });
    expect(await stored()).toBe(1);
    expect(proxy.counts()).toEqual({ PutItem: 2 });
  });

  it('calls a write that met a 500 on every attempt uncertain', async () => {
    proxy.inject({ operation: 'DeleteItem', times: 100, kind: 'refused' });
    const error = await db.delete(key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoUncertainWrite);
    expect((error as DynamoUncertainWrite).cause).toMatchObject({ status: 500, attempts: 4 });
    expect(proxy.counts()).toEqual({ DeleteItem: 4 });
  });
});

describe('which requests may be replayed', () => {
  it.each([
    ['GetItem', undefined, true],
    ['Query', undefined, true],
    ['PutItem', undefined, true],
    ['BatchWriteItem', undefined, true],
    ['UpdateItem', 'SET #add = :add, #n = if_not_exists(#n, :zero) REMOVE expiresAt', true],
    ['UpdateItem', 'SET a = :a DELETE tags :gone', true],
    ['UpdateItem', 'SET #at = :at ADD #version :one', false],
    ['UpdateItem', 'add hits :one', false],
    ['UpdateItem', 'SET #n = #n - :one', false],
    ['UpdateItem', 'SET #l = list_append(#l, :more)', false],
    ['TransactWriteItems', undefined, false],
  ])('%s %s: %s', (operation, expression, safe) => {
    expect(replaySafe(operation, { UpdateExpression: expression })).toBe(safe);
  });
});

describe('counters of the neighborhood when an answer is lost', () => {
  const newSite = (name: string, owner: string) =>
    createSite(
      db,
      { name, ownerDid: owner, template: 'blog', settings: defaultSettings(blog.settings) },
      3,
    );

  it('a rate-limited use is let through and counted once', async () => {
    const who = `visitor-${n}`;
    proxy.inject({ operation: 'UpdateItem', times: 1, kind: 'lost' });
    expect(await allow(db, limits.join, who)).toBe(true);
    expect(await truth.get(counterKey(limits.join, who))).toMatchObject({ hits: 1 });
  });

  it('the admin counter moves once, and the caller is told', async () => {
    await truth.delete(adminCountKey);
    proxy.inject({ operation: 'UpdateItem', times: 1, kind: 'lost' });
    expect(await countAdmin(db, 1).catch((e: unknown) => e)).toBeInstanceOf(DynamoUncertainWrite);
    expect(await truth.get(adminCountKey)).toMatchObject({ count: 1 });
  });

  it('a site whose claim was answered with a 500 after it was written is created, counted once', async () => {
    const owner = `did:plc:retry${n}`;
    const name = `lost-claim-${n}`;
    proxy.inject({ operation: 'PutItem', times: 1, kind: 'lost' });
    const site = await newSite(name, owner);
    expect(site.name).toBe(name);
    expect(await truth.get(siteKey(name))).toMatchObject({ ownerDid: owner });
    expect(await truth.get(siteCountKey(owner))).toMatchObject({ count: 1 });
  });

  it('a site claim that failed on every attempt, with nothing stored, gives its slot back', async () => {
    const owner = `did:plc:retry${n}`;
    proxy.inject({ operation: 'PutItem', times: 100, kind: 'refused' });
    const error = await newSite(`refused-claim-${n}`, owner).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'InternalServerError', attempts: 4 });
    expect(await truth.get(siteKey(`refused-claim-${n}`))).toBeUndefined();
    expect(await truth.get(siteCountKey(owner))).toMatchObject({ count: 0 });
  });

  it('a site claim whose answer was lost and cannot be read back keeps its slot', async () => {
    const owner = `did:plc:retry${n}`;
    proxy.inject({ operation: 'PutItem', times: 1, kind: 'lost' });
    proxy.inject({ operation: 'GetItem', times: 100, kind: 'refused' });
    const error = await newSite(`unread-claim-${n}`, owner).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoUncertainWrite);
    expect(await truth.get(siteKey(`unread-claim-${n}`))).toMatchObject({ ownerDid: owner });
    expect(await truth.get(siteCountKey(owner))).toMatchObject({ count: 1 });
  });
});
