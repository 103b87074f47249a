/**
 * Publishing in the browser, with JavaScript on and off, on the demo
 * neighborhood: alice opens her site, presses Publish and lands on the
 * deploy page, which follows the build by itself to "Your site is live"
 * (with JavaScript htmx swaps the progress in place and the page is never
 * reloaded; without it the page reloads itself until the build is done).
 * The live link opens her site at its own address, served by the site
 * host.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { demoSite } from '../../scripts/local/demo';
import { aliceIn, type Mode } from './sites';
import { useStack } from './stack';

const e2e = useStack();

/** Leaves a mark on `window` that a reload would wipe. */
const mark = (page: Page) =>
  page.evaluate(() => {
    (globalThis as { publishMark?: boolean }).publishMark = true;
  });
const marked = (page: Page) =>
  page.evaluate(() => (globalThis as { publishMark?: boolean }).publishMark === true);

describe('publishing from the dashboard', () => {
  for (const mode of ['javascript', 'no-javascript'] as Mode[]) {
    test(`alice publishes and follows the build to her live site (${mode})`, async () => {
      const { page, close } = await aliceIn(e2e, mode);
      try {
        await page.goto(`${e2e.appUrl}/sites/${demoSite.name}`);
        await page.getByRole('button', { name: 'Publish', exact: true }).click();
        await page.waitForURL(new RegExp(`/sites/${demoSite.name}/deploys/[A-Za-z0-9_-]+$`));
        // A build takes far longer than the redirect to its page: it lands while it runs.
        await page.getByText('this page updates by itself').waitFor();
        if (mode === 'javascript') await mark(page);
        const live = page.getByText('Your site is live at');
        await live.waitFor({ timeout: 30_000 });
        if (mode === 'javascript') expect(await marked(page)).toBe(true);
        const link = page.locator('#deploy a', { hasText: `${demoSite.name}.localhost` });
        const response = await Promise.all([page.waitForNavigation(), link.click()]).then(
          ([r]) => r,
        );
        expect(response?.status()).toBe(200);
        expect(new URL(page.url()).hostname).toBe(`${demoSite.name}.localhost`);
      } finally {
        await close();
      }
    });
  }
});
