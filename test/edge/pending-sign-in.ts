/**
 * A sign-in begun for real against the local PDS and left pending: the
 * `state` the OAuth client stored and the browser's cookies, for tests of
 * what happens when the PDS sends the browser back.
 */
import { expect } from 'vitest';
import { db, postForm, signedOutBrowser } from './support';

/**
 * Starts a real sign-in for `handle`; returns the `state` the client stored
 * for it and the starting browser's cookies (its pre-session and sign-in
 * cookies), which the callback must see.
 */
export async function pendingState(handle: string): Promise<{ state: string; cookie: string }> {
  const before = new Set(await stateKeys());
  const browser = await signedOutBrowser();
  const res = await postForm('/login', { _csrf: browser.csrf, handle }, { cookie: browser.cookie });
  expect(res.status).toBe(303);
  const added = (await stateKeys()).filter((k) => !before.has(k));
  expect(added).toHaveLength(1);
  const signInCookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { state: added[0]!, cookie: `${browser.cookie}; ${signInCookie}` };
}

/**
 * Test-only: the pending states (a Scan is fine here, never on a request
 * path). Every page of it: the shared table holds large items from other
 * tests, so the states may lie past the first megabyte.
 */
async function stateKeys(): Promise<string[]> {
  const keys: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out: {
      Items: { pk: { S: string } }[];
      LastEvaluatedKey?: Record<string, unknown>;
    } = await db.call('Scan', {
      TableName: db.table,
      FilterExpression: 'begins_with(pk, :p)',
      ExpressionAttributeValues: { ':p': { S: 'OAUTH_STATE#' } },
      ProjectionExpression: 'pk',
      ...(start && { ExclusiveStartKey: start }),
    });
    keys.push(...out.Items.map((i) => i.pk.S.slice('OAUTH_STATE#'.length)));
    start = out.LastEvaluatedKey;
  } while (start);
  return keys;
}
