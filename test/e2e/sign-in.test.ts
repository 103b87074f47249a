/**
 * Proves the whole sign-in journey in an ordinary browser: a neighbor types
 * their handle on our front page, signs in and consents on their own PDS's
 * pages, lands on `/me` with their name, handle and avatar (served by the
 * PDS), and can sign out again, after which `/me` sends them to the front page.
 */
import { test } from 'vitest';
import { demoAccounts } from '../../scripts/local/demo';
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
    await expectAlicesPage(page, { appUrl, pdsUrl, did: stack.dids[alice.handle]! });
    await signOutAndCheck(page, appUrl);
  } finally {
    await context.close();
  }
});
