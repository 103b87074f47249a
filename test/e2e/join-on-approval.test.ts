/**
 * Proves joining on approval works end to end, for two people in two
 * separate browsers: bob signs in through the PDS's pages and asks to join
 * (the front page then says his request is waiting, and the directory does
 * not list him); alice, an admin, finds his request under Admin → Requests
 * and approves it with a short message (the queue empties); bob reloads and
 * is welcomed back as a member, and the directory lists him beside alice.
 *
 * The same journey runs twice, each on its own fresh stack: in ordinary
 * browsers, and in two Chromiums (one profile each) that block JavaScript
 * for the app's origin, so every step is a plain link or form.
 */
import { describe, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { demoAccounts } from '../../scripts/local/demo';
import { memberNames, openAdminSection, signInAs, standingOnMe, type Origins } from './journey';
import { javaScriptRunsOn, launchWithJavaScriptBlockedFor, useStack } from './stack';

const alice = demoAccounts.find((a) => a.handle === 'alice.test')!;
const bob = demoAccounts.find((a) => a.handle === 'bob.test')!;

async function askApproveAndList(
  origins: Origins,
  contexts: { bob: BrowserContext; alice: BrowserContext },
): Promise<void> {
  const { appUrl } = origins;

  // bob signs in: he is a visitor, and the front page offers him "Ask to join".
  const bobPage = await signInAs(contexts.bob, origins, bob);
  expect(await standingOnMe(bobPage, appUrl)).toBe(
    'You are signed in, but not a member of the neighborhood.',
  );
  await bobPage.getByRole('link', { name: 'See how to join' }).click();
  await bobPage.waitForURL(`${appUrl}/`);
  const join = bobPage.getByRole('region', { name: 'Join Oak Street' });
  await join.getByRole('button', { name: 'Ask to join' }).click();

  // His request is waiting: the page says so and the button is gone.
  await bobPage.getByText('Your request is waiting for an admin.').waitFor();
  expect(bobPage.url()).toBe(`${appUrl}/`);
  expect(await bobPage.getByRole('button', { name: 'Ask to join' }).count()).toBe(0);
  expect(await standingOnMe(bobPage, appUrl)).toBe('You asked to join. An admin will answer soon.');

  // alice, in her own browser, signs in (becoming the configured admin) and finds the request.
  const alicePage = await signInAs(contexts.alice, origins, alice);
  expect(await standingOnMe(alicePage, appUrl)).toBe('You are an admin of the neighborhood.');
  expect(await openAdminSection(alicePage, appUrl, 'requests')).toBe(
    'Requests to join: 1 waiting for an answer.',
  );
  await alicePage.getByRole('heading', { name: 'Requests to join', level: 1 }).waitFor();
  const request = alicePage.getByRole('region', { name: 'Bob Rivers' });
  await request.getByText('@bob.test', { exact: true }).waitFor();

  // Pending people are not in the directory yet; alice already is.
  await bobPage.goto(`${appUrl}/members`);
  expect(await memberNames(bobPage.getByRole('main'))).toEqual(['Alice Oak']);

  // alice approves him with a message; the queue says so and empties.
  await request.getByLabel('Welcome message (optional)').fill('Welcome, Bob! Bring your tools.');
  await request.getByRole('button', { name: 'Approve Bob Rivers' }).click();
  await alicePage.waitForURL(`${appUrl}/admin/requests?done=approved&who=*`);
  expect(await alicePage.getByRole('status').textContent()).toBe(
    'Approved. Bob Rivers is a member now.',
  );
  await alicePage.getByText('Nobody is waiting for an answer.').waitFor();
  expect(await alicePage.getByRole('region', { name: 'Bob Rivers' }).count()).toBe(0);

  // bob reloads the front page: he is a member now.
  await bobPage.goto(`${appUrl}/`);
  await bobPage.getByText('Welcome back, Bob Rivers.').waitFor();
  expect(await bobPage.getByText('Your request is waiting').count()).toBe(0);
  expect(await standingOnMe(bobPage, appUrl)).toBe('You are a member of the neighborhood.');

  // And the directory, reached from the header, lists him and alice.
  await bobPage
    .getByRole('navigation', { name: 'Site' })
    .getByRole('link', { name: 'Neighbors' })
    .click();
  await bobPage.waitForURL(`${appUrl}/members`);
  await bobPage.getByRole('heading', { name: 'Neighbors', level: 1 }).waitFor();
  expect(await memberNames(bobPage.getByRole('main'))).toEqual(['Alice Oak', 'Bob Rivers']);
}

describe('with JavaScript on', () => {
  const e2e = useStack();

  test('bob asks to join, alice approves, bob is a member in the directory', async () => {
    const bobContext = await e2e.browser.newContext();
    const aliceContext = await e2e.browser.newContext();
    try {
      await askApproveAndList(e2e, { bob: bobContext, alice: aliceContext });
    } finally {
      await bobContext.close();
      await aliceContext.close();
    }
  });
});

describe('with JavaScript blocked for the app on both sides', () => {
  const e2e = useStack({ browser: false });

  test('bob asks to join, alice approves, bob is a member in the directory', async () => {
    const bobChromium = await launchWithJavaScriptBlockedFor(e2e.appUrl);
    const aliceChromium = await launchWithJavaScriptBlockedFor(e2e.appUrl).catch(
      async (error: unknown) => {
        await bobChromium.close();
        throw error;
      },
    );
    try {
      for (const { context } of [bobChromium, aliceChromium]) {
        expect(await javaScriptRunsOn(context, e2e.appUrl)).toBe(false);
        expect(await javaScriptRunsOn(context, e2e.pdsUrl)).toBe(true);
      }
      await askApproveAndList(e2e, { bob: bobChromium.context, alice: aliceChromium.context });
    } finally {
      await bobChromium.close();
      await aliceChromium.close();
    }
  });
});
