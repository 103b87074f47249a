/**
 * Proves that saying no on the PDS's consent screen is handled kindly: the
 * neighbor lands on our "You did not sign in" page, not an error, and is
 * still signed out.
 */
import { expect, test } from 'vitest';
import { demoAccounts } from '../../scripts/local/demo';
import { signInAtPds, submitHandle } from './journey';
import { useStack } from './stack';

const e2e = useStack();
const alice = demoAccounts.find((a) => a.handle === 'alice.test')!;

test('denying access at the PDS comes back to a friendly page, signed out', async () => {
  const { browser, appUrl, pdsUrl } = e2e;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await submitHandle(page, appUrl, alice.handle);
    await signInAtPds(page, pdsUrl, alice.password, 'deny');

    await page.waitForURL((url) => url.origin === appUrl && url.pathname === '/oauth/callback');
    await page.getByRole('heading', { name: 'You did not sign in', level: 1 }).waitFor();
    expect(await page.title()).toMatch(/^You did not sign in\b/);
    await page.getByText('you are still signed out').waitFor();
    expect(await page.getByRole('navigation', { name: 'Account' }).count()).toBe(0);

    await page.goto(`${appUrl}/me`);
    expect(page.url()).toBe(`${appUrl}/`);
    await page.getByRole('heading', { name: 'Sign in with Bluesky' }).waitFor();
  } finally {
    await context.close();
  }
});
