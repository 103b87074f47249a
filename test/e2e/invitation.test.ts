/**
 * Proves an invitation link works while the neighborhood joins "on
 * approval", and stops working once revoked: alice, an admin, makes a link
 * under Admin → Invitations with a note and reads its full address off the
 * page; bob, signed in but not a member, opens it, sees the neighborhood and
 * the note, presses Join and is a member at once (no request, no approval).
 * alice then revokes the link; opening it again, as bob or signed out,
 * answers 410 and says plainly that it was withdrawn, while bob stays a
 * member and the front page still says joining is on approval.
 *
 * The link allows two uses, not one: a one-use link is used up by bob's
 * join, and a used-up link has no revoke button (only working links do).
 *
 * It runs twice: with JavaScript on, and with JavaScript blocked for the
 * app's origin for all three people (each in their own Chromium).
 */
import type { BrowserContext } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demoAccounts } from '../../scripts/local/demo';
import { openAdminSection, signInAs, standingOnMe } from './journey';
import { javaScriptRunsOn, launchWithJavaScriptBlockedFor, useStack, type E2E } from './stack';
const alice = demoAccounts.find((a) => a.handle === 'alice.test')!;
const bob = demoAccounts.find((a) => a.handle === 'bob.test')!;
const note = 'For Bob at number 7, who fixes bicycles';

type People = Record<'alice' | 'bob' | 'stranger', BrowserContext>;

async function inviteJoinRevoke(e2e: E2E, people: People): Promise<void> {
  const { appUrl } = e2e;
  const { alice: aliceContext, bob: bobContext, stranger: strangerContext } = people;
  // alice makes a link: two uses, the default 14 days, a note.
  const alicePage = await signInAs(aliceContext, e2e, alice);
  await openAdminSection(alicePage, appUrl, 'invitations');
  await alicePage.getByRole('heading', { name: 'Invitation links', level: 1 }).waitFor();
  await alicePage.getByText('No links yet.').waitFor();
  expect(await alicePage.getByLabel('Valid for (days)').inputValue()).toBe('14');
  await alicePage.getByLabel('Maximum uses').fill('2');
  await alicePage.getByLabel('Note to the invitee (optional)').fill(note);
  await alicePage.getByRole('button', { name: 'Make a link' }).click();
  await alicePage.waitForURL(`${appUrl}/admin/invitations?done=created`);
  expect(await alicePage.getByRole('status').textContent()).toMatch(/^Link made\./);
  const made = alicePage.getByRole('main').getByRole('listitem').filter({ hasText: note });
  const link = await made.getByLabel(`Link: ${note} (Valid)`).inputValue();
  expect(link).toMatch(new RegExp(`^${appUrl}/invitations/[A-Za-z0-9_-]{22}$`));
  await made.getByText('Used 0 of 2 times.').waitFor();

  // bob, signed in but not a member, opens it and joins with one press.
  const bobPage = await signInAs(bobContext, e2e, bob);
  expect(await standingOnMe(bobPage, appUrl)).toBe(
    'You are signed in, but not a member of the neighborhood.',
  );
  expect((await bobPage.goto(link))?.status()).toBe(200);
  await bobPage.getByText('You are invited to join').waitFor();
  await bobPage.getByRole('heading', { name: 'Oak Street', level: 1 }).waitFor();
  await bobPage.getByText('Forty-odd households between the river').waitFor();
  const noteSection = bobPage.getByRole('region', { name: 'Note' });
  await noteSection.getByText('A note from @alice.test:').waitFor();
  expect(await noteSection.locator('blockquote').textContent()).toBe(note);
  await bobPage.getByRole('button', { name: 'Join Oak Street' }).click();
  await bobPage.waitForURL(`${appUrl}/`);
  await bobPage.getByText('Welcome back, Bob Rivers.').waitFor();
  expect(await standingOnMe(bobPage, appUrl)).toBe('You are a member of the neighborhood.');

  // alice sees the use counted, and revokes the link.
  await alicePage.reload();
  await made.getByText('Used 1 of 2 times.').waitFor();
  await made.getByRole('button', { name: 'Revoke this link' }).click();
  await alicePage.waitForURL(`${appUrl}/admin/invitations?done=revoked`);
  expect(await alicePage.getByRole('status').textContent()).toMatch(/^Link revoked\./);
  await made.getByLabel(`Link: ${note} (Revoked)`).waitFor();
  expect(await made.getByRole('button', { name: 'Revoke this link' }).count()).toBe(0);

  // Opening it again, as bob or signed out: 410, and it says why.
  const strangerPage = await strangerContext.newPage();
  for (const page of [bobPage, strangerPage]) {
    const response = await page.goto(link);
    expect(response?.status()).toBe(410);
    await page.getByRole('heading', { name: 'This invitation was withdrawn', level: 1 }).waitFor();
    await page.getByText('An admin revoked it.').waitFor();
    expect(await page.getByRole('button', { name: 'Join Oak Street' }).count()).toBe(0);
  }

  // Revoking the link does not undo bob's membership, nor change how joining works.
  expect(await standingOnMe(bobPage, appUrl)).toBe('You are a member of the neighborhood.');
  await strangerPage.goto(`${appUrl}/`);
  await strangerPage
    .getByText('Sign in with Bluesky, then ask to join; an admin answers each request.')
    .waitFor();
}

const story = 'an invitation link lets bob join, then alice revokes it and it says so';

describe('with JavaScript on', () => {
  const e2e = useStack();

  test(story, async () => {
    const people = {
      alice: await e2e.browser.newContext(),
      bob: await e2e.browser.newContext(),
      stranger: await e2e.browser.newContext(),
    };
    try {
      await inviteJoinRevoke(e2e, people);
    } finally {
      for (const context of Object.values(people)) await context.close();
    }
  });
});

describe('with JavaScript blocked for the app for everyone', () => {
  const e2e = useStack({ browser: false });

  test(story, async () => {
    const browsers: Awaited<ReturnType<typeof launchWithJavaScriptBlockedFor>>[] = [];
    try {
      for (let i = 0; i < 3; i++) browsers.push(await launchWithJavaScriptBlockedFor(e2e.appUrl));
      for (const { context } of browsers) {
        expect(await javaScriptRunsOn(context, e2e.appUrl)).toBe(false);
      }
      const [alice, bob, stranger] = browsers.map((b) => b.context) as [
        BrowserContext,
        BrowserContext,
        BrowserContext,
      ];
      await inviteJoinRevoke(e2e, { alice, bob, stranger });
    } finally {
      for (const b of browsers) await b.close();
    }
  });
});
