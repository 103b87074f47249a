/**
 * Proves our pages need no JavaScript: the same sign-in and sign-out
 * journey, in a Chromium whose profile blocks JavaScript for the app's
 * origin only (the browser's own per-site "JavaScript: blocked" setting),
 * while the PDS's pages, a React app on another origin, keep it.
 *
 * One browser and one cookie jar do the whole journey, redirects included,
 * exactly as a person with that setting would. A probe page on the app's
 * origin and on the PDS's (served by the test, not by either) shows that
 * scripts really do not run on ours and do run on theirs.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { demoAccounts } from '../../scripts/local/demo';
import { expectAlicesPage, signInAtPds, signOutAndCheck, submitHandle } from './journey';
import { launchWithJavaScriptBlockedFor, useStack } from './stack';

const e2e = useStack({ browser: false });
const alice = demoAccounts.find((a) => a.handle === 'alice.test')!;
let chromium: Awaited<ReturnType<typeof launchWithJavaScriptBlockedFor>> | undefined;
let context: BrowserContext;

beforeAll(async () => {
  chromium = await launchWithJavaScriptBlockedFor(e2e.appUrl);
  context = chromium.context;
});

afterAll(async () => {
  await chromium?.close();
});

/** What a page with one inline script shows on `origin` (served by the test, not the app). */
async function probe(origin: string): Promise<string | null> {
  const page = await context.newPage();
  const url = `${origin}/__e2e-javascript-probe`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<p id="probe">script did not run</p><script>document.getElementById("probe").textContent = "script ran"</script>',
    }),
  );
  await page.goto(url);
  const text = await page.locator('#probe').textContent();
  await page.close();
  return text;
}

test('JavaScript is off for the app and on for the PDS', async () => {
  expect(await probe(e2e.appUrl)).toBe('script did not run');
  expect(await probe(e2e.pdsUrl)).toBe('script ran');
});

test('alice signs in and out with no JavaScript on our pages', async () => {
  const { appUrl, pdsUrl, stack } = e2e;
  const page = await context.newPage();
  await submitHandle(page, appUrl, alice.handle);
  await signInAtPds(page, pdsUrl, alice.password, 'accept');
  await expectAlicesPage(page, { appUrl, pdsUrl, did: stack.dids[alice.handle]! });
  await signOutAndCheck(page, appUrl);
  await page.close();
});
