/**
 * `conditionally` against the local DynamoDBs: a write whose condition holds
 * is written, one whose condition fails is an answer and leaves the table as
 * it was, and any other refusal still throws.
 */
import { beforeAll, expect, it } from 'vitest';
import { conditionally } from '../../edge/db/conditional';
import { DynamoError, type Dynamo } from '../../edge/db/dynamo';
import { onEveryBackend } from './backends';

const key = (n: number) => ({ pk: `COND#${n}`, sk: 'X' });
const atVersion = (n: number, values: Record<string, unknown> = {}) => ({
  condition: '#version = :version',
  names: { '#version': 'version' },
  values: { ':version': n, ...values },
});

onEveryBackend('conditional writes', (client) => {
  let db: Dynamo;
  beforeAll(() => {
    db = client();
  });

  it('writes when the condition holds, and gives back what the write returned', async () => {
    const put = await conditionally(
      db.put({ ...key(1), version: 1 }, { condition: 'attribute_not_exists(pk)' }),
    );
    expect(put.written).toBe(true);
    const update = await conditionally(
      db.update(key(1), 'SET #version = :next', atVersion(1, { ':next': 2 })),
    );
    expect(update).toEqual({ written: true, value: { ...key(1), version: 2 } });
    expect(await db.get(key(1))).toEqual({ ...key(1), version: 2 });
    expect((await conditionally(db.delete(key(1), atVersion(2)))).written).toBe(true);
    expect(await db.get(key(1))).toBeUndefined();
  });

  it('answers a failed condition without writing anything', async () => {
    await db.put({ ...key(2), version: 1, note: 'first' });
    const put = await conditionally(
      db.put({ ...key(2), version: 9, note: 'second' }, { condition: 'attribute_not_exists(pk)' }),
    );
    expect(put).toMatchObject({
      written: false,
      error: { type: 'ConditionalCheckFailedException' },
    });
    const update = await conditionally(
      db.update(key(2), 'SET note = :note', atVersion(7, { ':note': 'third' })),
    );
    expect(update.written).toBe(false);
    expect((await conditionally(db.delete(key(2), atVersion(7)))).written).toBe(false);
    expect(await db.get(key(2))).toEqual({ ...key(2), version: 1, note: 'first' });
  });

  it('still throws when DynamoDB refuses the request for another reason', async () => {
    const malformed = await conditionally(
      db.put(key(3), { condition: 'attribute_not_exists(' }),
    ).catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(DynamoError);
    expect(malformed).toMatchObject({ type: 'ValidationException' });
    const missingTable = await conditionally(
      db.call('PutItem', {
        TableName: 'no-such-table',
        Item: { pk: { S: 'COND#4' }, sk: { S: 'X' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ).catch((e: unknown) => e);
    expect(missingTable).toBeInstanceOf(DynamoError);
    expect(missingTable).toMatchObject({ type: 'ResourceNotFoundException' });
    expect(await db.get(key(3))).toBeUndefined();
  });
});
