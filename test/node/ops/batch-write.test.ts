/**
 * Writing a backup's items back when DynamoDB pushes back: a throttled
 * batch, or one applied whose answer was lost, is sent again after a
 * backoff until every item is in, and a batch that keeps being refused
 * ends the restore with a message saying to run it again. The faults are
 * served by a proxy in front of a real dynalite; the client does not retry
 * on its own, so every retry counted is the writer's.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
  type LocalDynamo,
} from '../../../scripts/local/dynamo';
import { freePort } from '../../../scripts/local/ports';
import { writeItems } from '../../../scripts/ops/batch-write';
import type { StoredItem } from '../../../scripts/ops/backup-format';
import { startFaultProxy, type FaultProxy } from '../fault-proxy';
import { tableItems } from './support';

let dynamo: LocalDynamo;
let proxy: FaultProxy;
let client: DynamoDBClient;
let tables = 0;

const items = (n: number): StoredItem[] =>
  Array.from({ length: n }, (_, i) => ({
    pk: { S: `MEMBER#did:plc:${i}` },
    sk: { S: 'PROFILE' },
    handle: { S: `n${i}.test` },
  }));
const fast = { parallel: 1, baseDelayMs: 1, maxDelayMs: 5 };

beforeAll(async () => {
  dynamo = await startDynalite(await freePort());
  proxy = await startFaultProxy(dynamo.endpoint);
  client = new DynamoDBClient({
    endpoint: proxy.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
});
afterAll(async () => {
  await proxy?.close();
  await dynamo?.close();
});
let table: string;
beforeEach(async () => {
  table = `batch-${++tables}`;
  await createTable(dynamo.endpoint, table);
  proxy.reset();
});

describe('writing items back in batches', () => {
  it('sends a throttled batch again until every item is written', async () => {
    proxy.inject({
      operation: 'BatchWriteItem',
      times: 3,
      kind: { throttle: 'ProvisionedThroughputExceededException' },
    });
    const report = await writeItems(client, table, items(60), fast);
    expect(report).toEqual({ written: 60, requests: 6, retries: 3 });
    expect((await tableItems(client, table)).size).toBe(60);
    expect(proxy.unserved()).toEqual([]);
  });

  it('ends the same when an applied batch lost its answer and was sent again', async () => {
    proxy.inject({ operation: 'BatchWriteItem', times: 1, kind: 'lost' });
    const report = await writeItems(client, table, items(30), fast);
    expect(report.retries).toBe(1);
    expect((await tableItems(client, table)).size).toBe(30);
  });

  it('gives up after its tries, saying to run the restore again', async () => {
    proxy.inject({
      operation: 'BatchWriteItem',
      times: 5,
      kind: { throttle: 'ThrottlingException' },
    });
    await expect(writeItems(client, table, items(5), { ...fast, attempts: 3 })).rejects.toThrow(
      /5 items were still not written after 3 tries; run the restore again/,
    );
  });
});
