/**
 * Proves the whole sign-in journey in an ordinary browser: a neighbor types
 * their handle on our front page, signs in and consents on their own PDS's
 * pages, lands on `/me` with their name, handle and avatar (served by the
 * PDS), and can sign out again, after which `/me` sends them to the front page
 * and no OAuth session is left in the table (sign-in gave the grant back).
 */
import { expect, test } from 'vitest';
import { demoAccounts, localDynamo } from '../../scripts/local/demo';
import { expectAlicesPage, signInAtPds, signOutAndCheck, submitHandle } from './journey';
import { useStack } from './stack';

const e2e = useStack();
const alice = demoAccounts.find((a) => a.handle === 'alice.test')!;

test('alice signs in with her PDS, sees her page, and signs out', async () => {
  const { browser, appUrl, pdsUrl, stack } = e2e;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await submitHandle(page, appUrl, alice.handle);
    await signInAtPds(page, pdsUrl, alice.password, 'accept');
    const did = stack.dids[alice.handle]!;
    await expectAlicesPage(page, { appUrl, pdsUrl, did });
    const db = localDynamo(stack.dynamoEndpoint, stack.table);
    const oauthSession = { pk: `MEMBER#${did}`, sk: 'OAUTH_SESSION' };
    expect(await db.get({ pk: `MEMBER#${did}`, sk: 'PROFILE' })).toMatchObject({
      handle: 'alice.test',
      displayName: 'Alice Oak',
    });
    await signOutAndCheck(page, appUrl);
    expect(await db.get(oauthSession)).toBeUndefined();
  } finally {
    await context.close();
  }
});
