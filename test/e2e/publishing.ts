/**
 * The steps the publishing journeys share: pressing Publish on a site's
 * dashboard and following its deploy page until the site is live, opening
 * a page of the live site as a visitor would, reading the history's lines,
 * and looking at a page at a phone's width and a desktop's (where nothing
 * may be wider than a 360 px screen).
 */
import { expect } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { screenshot, type Mode } from './sites';
import type { E2E } from './stack';

/** The live site's own address on the site host: `http://<name>.localhost:PORT`. */
export function liveAddress(e2e: E2E, name: string): string {
  return `http://${name}.localhost:${new URL(e2e.stack.sitesUrl).port}`;
}

/** The deploy id a deploy page's address names. */
const deployIdIn = (url: string) => new URL(url).pathname.split('/').pop()!;

/** Marks the page's live region (`aria-live`) with a property only that very element carries. */
const markLiveRegion = (page: Page) =>
  page.locator('[aria-live]').evaluate((region) => {
    (region as unknown as { nbhdRegion?: boolean }).nbhdRegion = true;
  });

/** Whether the live region holding `text` is still the element `markLiveRegion` marked. */
const sameLiveRegion = (page: Page, text: string) =>
  page
    .locator('[aria-live]', { hasText: text })
    .evaluate((region) => (region as unknown as { nbhdRegion?: boolean }).nbhdRegion === true);

/**
 * From the site's dashboard, presses Publish and follows the deploy page
 * (which updates by itself, with or without JavaScript) until it says the
 * site is live. `shots` names the screenshots: one while the build runs
 * (when `running`, the browser's mode, asks to wait for it there, as a
 * build takes far longer than the redirect) and one once it is live.
 * Waiting with JavaScript, the page
 * must keep its live region while htmx swaps the progress in: a screen
 * reader announces changes inside a region it knows, not a region that
 * replaced it. Returns the deploy's id.
 */
export async function publishAndFollow(
  page: Page,
  { appUrl, site, shots, running }: { appUrl: string; site: string; shots: string; running?: Mode },
): Promise<string> {
  await page.goto(`${appUrl}/sites/${site}`);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.waitForURL(new RegExp(`/sites/${site}/deploys/[A-Za-z0-9_-]+$`));
  const id = deployIdIn(page.url());
  if (running) {
    await page.getByText('this page updates by itself').waitFor();
    if (running === 'javascript') await markLiveRegion(page);
    await atBothWidths(page, `${shots}-running`);
  }
  await page.getByText('Your site is live at').waitFor({ timeout: 30_000 });
  if (running === 'javascript')
    expect(await sameLiveRegion(page, 'Your site is live at')).toBe(true);
  await page.getByRole('heading', { name: `Publish of ${site}`, level: 1 }).waitFor();
  await atBothWidths(page, `${shots}-live`);
  return id;
}

/**
 * Opens `url` on the live site and reloads it, as a visitor who wants the
 * newest version would: published HTML may be kept by the browser for a
 * minute at the same address, whichever deploy is live, and a reload asks
 * the host again. Returns the answer to the reload.
 */
export async function visitLive(page: Page, url: string): Promise<Response> {
  await page.goto(url);
  const response = await page.reload();
  if (!response) throw new Error(`no answer to reloading ${url}`);
  expect(page.url()).toBe(url);
  return response;
}

/** The text of the post on a page of the live site (its article), whitespace made single. */
export async function articleText(page: Page): Promise<string> {
  const text = await page.getByRole('main').getByRole('article').textContent();
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The history's lines, newest first, each as its text with whitespace made single. */
export async function historyLines(page: Page): Promise<string[]> {
  const lines = await page.locator('main ul.item-list > li').allTextContents();
  return lines.map((line) => line.replace(/\s+/g, ' ').trim());
}

/** The history's line for the deploy `id` (the one whose link goes to its page). */
export const historyLine = (page: Page, site: string, id: string) =>
  page
    .locator('main ul.item-list > li')
    .filter({ has: page.locator(`a[href="/sites/${site}/deploys/${id}"]`) });

const PHONE = { width: 360, height: 740 };

/**
 * Screenshots the page as it is (`<name>.png`, see `screenshot`), then at
 * 360 px wide (`360-<name>.png`), where it must be no wider than the
 * screen, then puts the window back as it was.
 */
export async function atBothWidths(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  await screenshot(page, name);
  await page.setViewportSize(PHONE);
  try {
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
          .document.documentElement.scrollWidth,
    );
    await screenshot(page, `360-${name}`);
    expect({ page: name, width }).toEqual({ page: name, width: PHONE.width });
  } finally {
    if (before) await page.setViewportSize(before);
  }
}
