/**
 * The steps the sign-in journeys share: our sign-in form, and the local
 * PDS's own sign-in and consent screens (the React app from
 * `@atproto/oauth-provider-ui`). The PDS selectors live here, in one place,
 * and use only roles and accessible names. Also the few steps the
 * membership journeys share: signing a demo account in, finding the admin
 * pages, reading the member cards on a page.
 */
import { expect } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Account } from '../../scripts/local/atproto';

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
  // Signed out, the site navigation no longer links to anyone's own page.
  const siteNav = page.getByRole('navigation', { name: 'Site' });
  await siteNav.getByRole('link', { name: 'Neighbors' }).waitFor();
  expect(await siteNav.locator('a[href="/me"]').count()).toBe(0);

  const response = await page.goto(`${appUrl}/me`);
  expect(page.url()).toBe(`${appUrl}/`);
  expect(response?.request().redirectedFrom()?.url()).toBe(`${appUrl}/me`);
  await page.getByRole('heading', { name: 'Sign in with Bluesky' }).waitFor();
}

/** Where the journeys go: the app's origin and the PDS's, as in `E2E`. */
export interface Origins {
  appUrl: string;
  pdsUrl: string;
}

/**
 * Opens a page in `context` and signs `account` in the whole way (our form,
 * the PDS's sign-in and consent screens); returns the page on their `/me`.
 */
export async function signInAs(
  context: BrowserContext,
  { appUrl, pdsUrl }: Origins,
  account: Pick<Account, 'handle' | 'password'>,
): Promise<Page> {
  const page = await context.newPage();
  await submitHandle(page, appUrl, account.handle);
  await signInAtPds(page, pdsUrl, account.password, 'accept');
  await page.waitForURL(`${appUrl}/me`);
  await page
    .getByRole('region', { name: 'Your profile' })
    .getByText(`@${account.handle}`, { exact: true })
    .waitFor();
  return page;
}

/** The sentence on `/me` that says where the signed-in person stands, e.g. "You are a member…". */
export async function standingOnMe(page: Page, appUrl: string): Promise<string> {
  await page.goto(`${appUrl}/me`);
  await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
  return ((await page.locator('main p.notice').textContent()) ?? '').trim();
}

const adminSections = {
  requests: 'Requests to join',
  invitations: 'Invitation links',
} as const;

/**
 * From any page, follows the header's "Admin" link to the admin overview,
 * then the overview's link to `section`. Returns the overview's line for
 * that section as it read before leaving (e.g. "Requests to join: 1 waiting…").
 */
export async function openAdminSection(
  page: Page,
  appUrl: string,
  section: keyof typeof adminSections,
): Promise<string> {
  await page
    .getByRole('navigation', { name: 'Site' })
    .getByRole('link', { name: 'Admin', exact: true })
    .click();
  await page.waitForURL(`${appUrl}/admin`);
  const link = page.getByRole('link', { name: adminSections[section], exact: true });
  const line = page.getByRole('main').getByRole('listitem').filter({ has: link });
  const text = (await line.textContent()) ?? '';
  await line.getByRole('link', { name: adminSections[section], exact: true }).click();
  await page.waitForURL(`${appUrl}/admin/${section}`);
  return text.replace(/\s+/g, ' ').trim();
}

/** The names on the member cards in `list` (the directory, or "Recently joined"). */
export async function memberNames(list: Locator): Promise<string[]> {
  // Each card links its person; the links to their published sites are beside the name.
  const names = await list.locator('ul.members > li a:not(.sites a)').allTextContents();
  return names.map((name) => name.trim()).sort();
}
