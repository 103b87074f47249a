/**
 * The steps the sign-in journeys share: our sign-in form, and the local
 * PDS's own sign-in and consent screens (the React app from
 * `@atproto/oauth-provider-ui`). The PDS selectors live here, in one place,
 * and use only roles and accessible names.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Fills our front page's form with `handle` and presses "Sign in". */
export async function submitHandle(page: Page, appUrl: string, handle: string): Promise<void> {
  await page.goto(`${appUrl}/`);
  await page.getByRole('textbox', { name: 'Your handle' }).fill(handle);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * On the PDS's sign-in page (the handle is already filled in and locked),
 * types the password and signs in, then answers the consent screen.
 */
export async function signInAtPds(
  page: Page,
  pdsUrl: string,
  password: string,
  consent: 'accept' | 'deny',
): Promise<void> {
  await page.waitForURL((url) => url.origin === pdsUrl && url.pathname === '/oauth/authorize');
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Authorize', level: 1 }).waitFor();
  await page
    .getByRole('button', { name: consent === 'accept' ? 'Authorize' : 'Deny access' })
    .click();
}

/** Asserts `page` shows Alice's own page, with her avatar loaded from the PDS's getBlob. */
export async function expectAlicesPage(
  page: Page,
  { appUrl, pdsUrl, did }: { appUrl: string; pdsUrl: string; did: string },
): Promise<void> {
  await page.waitForURL(`${appUrl}/me`);
  const profile = page.getByRole('region', { name: 'Your profile' });
  await profile.getByText('Alice Oak', { exact: true }).waitFor();
  await profile.getByText('@alice.test', { exact: true }).waitFor();
  const src = await profile.locator('img').getAttribute('src');
  expect(src).toBeTruthy();
  const avatar = new URL(src ?? '');
  expect(avatar.origin + avatar.pathname).toBe(`${pdsUrl}/xrpc/com.atproto.sync.getBlob`);
  expect(avatar.searchParams.get('did')).toBe(did);
  expect(avatar.searchParams.get('cid')).toMatch(/^[a-z0-9]+$/);
  // And the browser really loaded it (the demo avatars are 96 × 96 PNGs).
  await expect
    .poll(() =>
      profile.locator('img').evaluate((img) => (img as { naturalWidth: number }).naturalWidth),
    )
    .toBe(96);
}

/** Presses "Sign out" and asserts we are on the front page, signed out, and `/me` is closed. */
export async function signOutAndCheck(page: Page, appUrl: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${appUrl}/`);
  await page.getByRole('heading', { name: 'Sign in with Bluesky' }).waitFor();
  await page.getByRole('textbox', { name: 'Your handle' }).waitFor();
  expect(await page.getByRole('navigation', { name: 'Account' }).count()).toBe(0);

  const response = await page.goto(`${appUrl}/me`);
  expect(page.url()).toBe(`${appUrl}/`);
  expect(response?.request().redirectedFrom()?.url()).toBe(`${appUrl}/me`);
  await page.getByRole('heading', { name: 'Sign in with Bluesky' }).waitFor();
}
