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
import { javaScriptRunsOn, launchWithJavaScriptBlockedFor, useStack } from './stack';

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

test('JavaScript is off for the app and on for the PDS', async () => {
  expect(await javaScriptRunsOn(context, e2e.appUrl)).toBe(false);
  expect(await javaScriptRunsOn(context, e2e.pdsUrl)).toBe(true);
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
