/**
 * A site's whole life on the web, in the browser, with JavaScript on and
 * with it blocked for the app: alice makes a blog and writes a post, publishes
 * it and reads the post at the site's own address; she changes a sentence,
 * publishes again and the live post has the new sentence; from the history
 * she restores the first version and the live post has the old sentence
 * again, with the history recording the restore; then she unpublishes, after
 * the question that asks first, and the site's address answers 404 with the
 * neighborhood's "No site here" page.
 *
 * Everything is checked where a visitor would see it: the page the site
 * host serves at `http://<name>.localhost:PORT`, after a reload. Both modes
 * share one stack: the first blog takes the name suggested from alice's
 * handle, the second the longest a name may be. Each deploy, history and
 * live page must also fit a 360 px screen.
 */
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  articleText,
  atBothWidths,
  historyLine,
  historyLines,
  liveAddress,
  publishAndFollow,
  visitLive,
} from './publishing';
import { aliceIn, expectSaved, fillItemForm, itemForm, makeSite, send, type Mode } from './sites';
import { useStack } from './stack';

const e2e = useStack();
/** A journey signs in, makes a blog and waits for two builds: more than the default minute. */
const JOURNEY_MS = 180_000;

const LONG_NAME = 'alicesbakerynotesfromnumbertwo';
const post = { title: 'New hours at the bakery', slug: 'new-hours-at-the-bakery' };
const before = 'From Monday the bakery opens at seven.';
const after = 'From Monday the bakery opens at half past six.';
const bodyWith = (sentence: string) => `${sentence}\n\nBring your own bag for the bread.`;

/** Writes the post, ready, from the new site's dashboard; returns its editor's address. */
async function writePost(page: Page, site: string, mode: Mode): Promise<string> {
  const { appUrl } = e2e;
  await page.getByRole('link', { name: 'New post', exact: true }).click();
  await page.waitForURL(`${appUrl}/sites/${site}/items/new?kind=entry`);
  await fillItemForm(page, { title: post.title, body: bodyWith(before), status: 'ready' });
  const created = await send(page, itemForm(page).getByRole('button', { name: 'Save' }), mode);
  expect(created.next).toMatch(new RegExp(`^/sites/${site}/items/[0-9a-f-]{36}\\?saved$`));
  await page.waitForURL(`${appUrl}${created.next}`);
  return page.url().replace(/\?saved$/, '');
}

/** Presses a confirming form's button (restore, unpublish): a plain POST, answered 303 to `next`. */
async function confirm(
  page: Page,
  button: string | Locator,
  mode: Mode,
  next: string,
): Promise<void> {
  const target =
    typeof button === 'string' ? page.getByRole('button', { name: button, exact: true }) : button;
  const sent = await send(page, target, mode);
  expect([sent.status, sent.byHtmx, sent.next]).toEqual([303, false, next]);
  await page.waitForURL(`${e2e.appUrl}${next}`);
}

async function publishEditRestoreUnpublish(mode: Mode): Promise<void> {
  const { appUrl } = e2e;
  const { page, close } = await aliceIn(e2e, mode);
  try {
    // Without JavaScript, the longest name there is, with nowhere to break: it must still fit.
    const site = await makeSite(
      page,
      appUrl,
      'Blog',
      mode === 'javascript' ? undefined : LONG_NAME,
    );
    expect(site).toBe(mode === 'javascript' ? 'alice' : LONG_NAME);
    const dashboard = `${appUrl}/sites/${site}`;
    const live = liveAddress(e2e, site);
    const livePost = `${live}/posts/${post.slug}/`;
    const itemUrl = await writePost(page, site, mode);

    // Publish; the deploy page's link opens the site, and the post there reads as written.
    const first = await publishAndFollow(page, {
      appUrl,
      site,
      shots: `${mode}-deploy-first`,
      running: mode,
    });
    await page.locator('#deploy').getByRole('link', { name: live }).click();
    await page.waitForURL(`${live}/`);
    await page.getByRole('main').getByRole('link', { name: post.title }).click();
    await page.waitForURL(livePost);
    expect(await articleText(page)).toContain(before);
    await atBothWidths(page, `${mode}-live-post`);

    // A sentence changed in the editor, saved, published again: the live post has it.
    await page.goto(itemUrl);
    await fillItemForm(page, { body: bodyWith(after) });
    const saved = await send(page, itemForm(page).getByRole('button', { name: 'Save' }), mode);
    await expectSaved(page, saved, mode, itemUrl, appUrl);
    const second = await publishAndFollow(page, { appUrl, site, shots: `${mode}-deploy-second` });
    expect(second).not.toBe(first);
    expect((await visitLive(page, livePost)).status()).toBe(200);
    expect(await articleText(page)).toContain(after);
    expect(await articleText(page)).not.toContain(before);

    // The history lists both builds, the second live; restoring the first puts it back.
    await page.goto(dashboard);
    await page.getByRole('link', { name: 'History', exact: true }).click();
    await page.waitForURL(`${dashboard}/deploys`);
    expect(await historyLine(page, site, second).getByText('Live now').count()).toBe(1);
    await atBothWidths(page, `${mode}-history`);
    const restore = historyLine(page, site, first).getByRole('button', {
      name: 'Restore this version',
    });
    await restore.waitFor();
    await confirm(page, restore, mode, `/sites/${site}/deploys?done=restored`);
    await page
      .getByRole('status')
      .filter({ hasText: 'Restored. Visitors get that version now' })
      .waitFor();
    const lines = await historyLines(page);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/: Restore by alice\.test · Restored · the version of .+ UTC$/);
    expect(await historyLine(page, site, first).getByText('Live now').count()).toBe(1);
    expect(await historyLine(page, site, second).getByText('Live now').count()).toBe(0);
    await historyLine(page, site, second)
      .getByRole('button', { name: 'Restore this version' })
      .waitFor();
    await atBothWidths(page, `${mode}-history-restored`);
    expect((await visitLive(page, livePost)).status()).toBe(200);
    expect(await articleText(page)).toContain(before);
    expect(await articleText(page)).not.toContain(after);

    // Unpublish asks first; then the address answers 404 with the friendly page.
    await page.goto(dashboard);
    await page.getByRole('link', { name: 'Unpublish', exact: true }).click();
    await page.waitForURL(`${dashboard}/unpublish`);
    await page.getByRole('heading', { name: `Take ${site} off the web?`, level: 1 }).waitFor();
    await atBothWidths(page, `${mode}-unpublish`);
    await confirm(page, 'Unpublish', mode, `/sites/${site}/deploys?done=unpublished`);
    expect((await historyLines(page))[0]).toMatch(
      /: Unpublish by alice\.test · Taken off the web$/,
    );
    expect(await page.getByText('Live now').count()).toBe(0);
    for (const address of [livePost, `${live}/`]) {
      expect((await visitLive(page, address)).status()).toBe(404);
      await page.getByRole('heading', { name: 'No site here', level: 1 }).waitFor();
      expect(await page.textContent('body')).toContain('or it is not published right now');
    }
    await atBothWidths(page, `${mode}-not-published`);
  } finally {
    await close();
  }
}

describe('publishing, restoring and unpublishing a site (with JavaScript on)', () => {
  test(
    'alice’s live post follows her publishes, the restore and the unpublish',
    async () => {
      await publishEditRestoreUnpublish('javascript');
    },
    JOURNEY_MS,
  );
});

describe('publishing, restoring and unpublishing a site (with JavaScript blocked for the app)', () => {
  test(
    'alice’s live post follows her publishes, the restore and the unpublish',
    async () => {
      await publishEditRestoreUnpublish('no-javascript');
    },
    JOURNEY_MS,
  );
});
