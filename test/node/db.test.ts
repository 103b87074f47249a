/**
 * The data layer against real DynamoDB emulators: dynalite always, and
 * Amazon's DynamoDB Local too whenever Java is available (CI requires it),
 * so nothing here depends on one emulator's quirks.
 */
import { beforeAll, expect, it } from 'vitest';
import {
  Dynamo,
  DynamoError,
  DynamoUnreachable,
  isConditionFailure,
  isStorageFailure,
} from '../../edge/db/dynamo';
import { getMember, saveProfile } from '../../edge/db/members';
import {
  createRequestLock,
  createSessionStore,
  createStateStore,
  LockTimeout,
  oauthStateKey,
} from '../../edge/db/oauth-store';
import { createSession, deleteAllSessions, getSession } from '../../edge/db/sessions';
import { nowSeconds } from '../../core/records/time';
import { getNeighborhood, saveNeighborhood } from '../../edge/db/neighborhood';
import { getViewer } from '../../edge/db/viewer';
import { localDynamo } from '../../scripts/local/demo';
import { freePort } from '../../scripts/local/ports';
import { onEveryBackend } from './backends';

const did = (n: number) => `did:plc:${String(n).padStart(24, 'a')}`;

onEveryBackend('data layer', (client) => {
  let db: Dynamo;
  beforeAll(() => {
    db = client();
  });

  it('stores and reads back every kind of value it uses', async () => {
    const item = {
      pk: 'T#1',
      sk: 'X',
      s: 'é ✓',
      n: 1.5,
      b: false,
      z: null,
      l: [1, 'a'],
      m: { a: { b: 2 } },
    };
    await db.put({ ...item, dropped: undefined });
    expect(await db.get({ pk: 'T#1', sk: 'X' })).toEqual(item);
    await db.delete({ pk: 'T#1', sk: 'X' });
    expect(await db.get({ pk: 'T#1', sk: 'X' })).toBeUndefined();
  });

  it('reads several items in one batch, in the order asked, gaps as undefined', async () => {
    await db.put({ pk: 'T#B', sk: '1', n: 1 });
    await db.put({ pk: 'T#B', sk: '2', n: 2 });
    const items = await db.getMany([
      { pk: 'T#B', sk: '2' },
      { pk: 'T#B', sk: 'missing' },
      { pk: 'T#B', sk: '1' },
    ]);
    expect(items).toEqual([{ pk: 'T#B', sk: '2', n: 2 }, undefined, { pk: 'T#B', sk: '1', n: 1 }]);
  });

  it('refuses a conditional write whose condition fails, by name', async () => {
    await db.put({ pk: 'T#2', sk: 'X' }, { condition: 'attribute_not_exists(pk)' });
    const error = await db
      .put({ pk: 'T#2', sk: 'X' }, { condition: 'attribute_not_exists(pk)' })
      .catch((e: unknown) => e);
    expect(isConditionFailure(error)).toBe(true);
  });

  it('reports DynamoDB’s own message for a bad request', async () => {
    const error = await db.call('GetItem', { TableName: 'no-such-table', Key: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(DynamoError);
    expect((error as DynamoError).type).toMatch(/ResourceNotFoundException|ValidationException/);
    expect((error as DynamoError).message.length).toBeGreaterThan(20);
    expect(isStorageFailure(error)).toBe(true);
  });

  it('does not count a failed condition as a storage failure', async () => {
    await db.put({ pk: 'T#condition', sk: 'X' });
    const error = await db
      .put({ pk: 'T#condition', sk: 'X' }, { condition: 'attribute_not_exists(pk)' })
      .catch((e: unknown) => e);
    expect(isStorageFailure(error)).toBe(false);
  });

  it('pages with its cursor, and reads any other cursor as the first page', async () => {
    for (const sk of ['1', '2', '3']) await db.put({ pk: 'T#P', sk });
    await db.put({ pk: 'T#Q', sk: '1' });
    const first = await db.page<{ sk: string }>('T#P', { limit: 2 });
    expect(first.items.map((i) => i.sk)).toEqual(['1', '2']);
    const second = await db.page<{ sk: string }>('T#P', { limit: 2, cursor: first.next });
    expect(second.items.map((i) => i.sk)).toEqual(['3']);
    const cursor = (key: object) => btoa(JSON.stringify(key)).replace(/=+$/, '');
    for (const foreign of [
      // Well-formed, but a key of another partition, or of an index query, or with extras.
      (await db.page('T#Q', { limit: 1 })).next ?? cursor({ pk: 'T#Q', sk: '1' }),
      cursor({ pk: 'T#Q', sk: '1' }),
      cursor({ pk: 'T#P', sk: '1', gsi1pk: 'X' }),
      cursor({ gsi1pk: 'DIRECTORY', gsi1sk: 'x', pk: 'T#P', sk: '1' }),
      'not-a-cursor',
    ]) {
      const page = await db.page<{ sk: string }>('T#P', { limit: 2, cursor: foreign });
      expect(
        page.items.map((i) => i.sk),
        foreign,
      ).toEqual(['1', '2']);
    }
  });

  it('queries a partition by sort-key prefix, in either order, with a limit', async () => {
    for (const sk of ['A#1', 'A#2', 'A#3', 'B#1']) await db.put({ pk: 'T#3', sk });
    const keys = async (o: Parameters<Dynamo['query']>[1]) =>
      (await db.query<{ sk: string }>('T#3', o)).map((i) => i.sk);
    expect(await keys({ prefix: 'A#' })).toEqual(['A#1', 'A#2', 'A#3']);
    expect(await keys({ prefix: 'A#', newestFirst: true, limit: 2 })).toEqual(['A#3', 'A#2']);
    expect(await keys({})).toEqual(['A#1', 'A#2', 'A#3', 'B#1']);
  });

  it('keeps a member’s first-seen date when their profile is refreshed', async () => {
    const first = await saveProfile(db, { did: did(1), handle: 'one.test', displayName: 'One' });
    await new Promise((r) => setTimeout(r, 5));
    const again = await saveProfile(db, { did: did(1), handle: 'uno.test' });
    expect(again.createdAt).toBe(first.createdAt);
    expect(await getMember(db, did(1))).toMatchObject({
      handle: 'uno.test',
      createdAt: first.createdAt,
    });
    expect((await getMember(db, did(1)))?.displayName).toBeUndefined();
  });

  it('creates, reads and revokes sessions, all of a member’s at once', async () => {
    const a = await createSession(db, did(2));
    const b = await createSession(db, did(2));
    await saveProfile(db, { did: did(2), handle: 'two.test' });
    expect(await getSession(db, did(2), a.id)).toEqual(a);
    expect(await deleteAllSessions(db, did(2))).toBe(2);
    expect(await getSession(db, did(2), b.id)).toBeUndefined();
    expect(await getMember(db, did(2))).toBeDefined();
  });

  it('ends every session of a member however many there are, and nobody else’s', async () => {
    // Over one page (100) and many batches (25): every one must go.
    for (let i = 0; i < 130; i++) await createSession(db, did(5));
    const other = await createSession(db, did(6));
    await saveProfile(db, { did: did(5), handle: 'five.test' });
    expect(await deleteAllSessions(db, did(5))).toBe(130);
    expect(await db.query('MEMBER#' + did(5), { prefix: 'SESSION#' })).toEqual([]);
    expect(await getMember(db, did(5))).toBeDefined();
    expect(await getSession(db, did(6), other.id)).toEqual(other);
  });

  it('finds the viewer only with both a live session and a profile', async () => {
    const session = await createSession(db, did(4));
    expect((await getViewer(db, did(4), session.id)).viewer).toBeUndefined();
    await saveProfile(db, { did: did(4), handle: 'four.test' });
    expect((await getViewer(db, did(4), session.id)).viewer).toMatchObject({
      session,
      member: { did: did(4), handle: 'four.test' },
    });
    expect((await getViewer(db, did(4), 'other-session')).viewer).toBeUndefined();
  });

  it('reads the neighborhood in the same request as the viewer', async () => {
    const session = await createSession(db, did(5));
    await saveProfile(db, { did: did(5), handle: 'five.test' });
    const { version, ...current } = await getNeighborhood(db);
    const saved = await saveNeighborhood(db, { ...current, name: 'Elm Row' }, version);
    expect((await getViewer(db, did(5), session.id)).neighborhood).toEqual(saved);
  });

  it('keeps OAuth state and sessions as JSON and forgets expired state', async () => {
    const states = createStateStore(db);
    const value = { iss: 'https://pds.example', verifier: 'v', dpopJwk: { kty: 'EC' } } as never;
    await states.set('state-1', value);
    expect(await states.get('state-1')).toEqual(value);
    await db.put({ ...oauthStateKey('state-1'), value: '{}', expiresAt: nowSeconds() - 1 });
    expect(await states.get('state-1')).toBeUndefined();
    await states.del('state-1');

    const sessions = createSessionStore(db);
    await sessions.set(did(3), { tokenSet: { sub: did(3) } } as never);
    expect(await sessions.get(did(3))).toEqual({ tokenSet: { sub: did(3) } });
    await sessions.del(did(3));
    expect(await sessions.get(did(3))).toBeUndefined();
  });

  it('lets only one holder at a time into the refresh lock', async () => {
    const lock = createRequestLock(db);
    const events: string[] = [];
    const hold = (name: string) =>
      lock('refresh', async () => {
        events.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 60));
        events.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([hold('a'), hold('b')])).toEqual(['a', 'b']);
    expect(events.join()).toMatch(/^(a in,a out,b in,b out|b in,b out,a in,a out)$/);
    expect(await db.get({ pk: 'LOCK#refresh', sk: 'LOCK' })).toBeUndefined();
  });

  it('gives up on a lock held too long, with an error that names the lock', async () => {
    await db.put({ pk: 'LOCK#stuck', sk: 'LOCK', owner: 'other', expiresAt: nowSeconds() + 60 });
    const error = await Promise.resolve(
      createRequestLock(db, 200)('stuck', async () => 'never'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeout);
    expect(String(error)).toMatch(/stuck/);
  });
});

it('names a DynamoDB that does not answer at all as a storage failure', async () => {
  // Nothing listens on a port the OS has just handed out and taken back.
  const db = localDynamo(`http://127.0.0.1:${await freePort()}`, 'nbhd-test');
  const error = await db.get({ pk: 'T#1', sk: 'X' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DynamoUnreachable);
  expect(isStorageFailure(error)).toBe(true);
  expect((error as DynamoError).message).toMatch(/^NetworkError: GetItem got no answer/);
});
