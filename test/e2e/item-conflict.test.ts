/**
 * Proves a conflict between two tabs is shown, not lost: alice opens the
 * same issue of her newsletter (the demo's `bulletin`) in two tabs. The
 * first adds a line to its text and saves. The second, still at the
 * version it opened, changes the title and adds a different line; its save
 * is refused (409) with both versions side by side, and the form still
 * holds every character it typed. Choosing "Keep yours" saves it, and a
 * fresh editor and the dashboard show the second tab's version, stored
 * exactly as typed.
 *
 * It runs with JavaScript on (each save is swapped into the same page, no
 * reload) and with JavaScript blocked for the app (plain posts: the refusal
 * is a whole page, the save a 303), on one stack: each mode edits its own
 * issue.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { getItem } from '../../edge/db/items';
import { localDynamo } from '../../scripts/local/demo';
import {
  aliceIn,
  expectNotReloaded,
  expectSaved,
  fillItemForm,
  itemForm,
  itemFormValues,
  screenshot,
  send,
  type Mode,
} from './sites';
import { useStack } from './stack';

const e2e = useStack();

async function twoTabsConflict(mode: Mode, issue: string): Promise<void> {
  const { appUrl } = e2e;
  const { page: first, close } = await aliceIn(e2e, mode);
  try {
    // Both tabs open the same issue, from the dashboard and by its address.
    await first.goto(`${appUrl}/sites/bulletin`);
    await first.getByRole('link', { name: issue, exact: true }).click();
    await first.waitForURL(/\/sites\/bulletin\/items\/[0-9a-f-]{36}$/);
    const itemUrl = first.url();
    const second = await first.context().newPage();
    await second.goto(itemUrl);
    const opened = await itemFormValues(second);
    expect(opened.title).toBe(issue);

    // The first tab adds a line and saves.
    const firstLine = 'From the first tab: work starts on 6 October.';
    await fillItemForm(first, { body: `${opened.body}\n\n${firstLine}` });
    const save = (page: Page) => itemForm(page).getByRole('button', { name: 'Save' });
    await expectSaved(first, await send(first, save(first), mode), mode, itemUrl, e2e.appUrl);

    // The second, still at the version it opened, changes the title and adds its own line.
    const yours = {
      title: `${issue}, in October`,
      body: `${opened.body}\n\nFrom the second tab: bring a lantern to the opening.`,
    };
    await fillItemForm(second, yours);
    const refused = await send(second, save(second), mode);
    expect(refused.status).toBe(409);
    expect(refused.byHtmx).toBe(mode === 'javascript');
    if (mode === 'javascript') await expectNotReloaded(second);
    expect(second.url()).toBe(itemUrl);

    // Both versions are shown, where they differ.
    const conflict = second.getByRole('alert').filter({
      has: second.getByRole('heading', {
        name: 'This changed in another tab or device while you were editing',
      }),
    });
    await conflict.waitFor();
    const saved = conflict.getByRole('region', { name: /^Saved \(version \d+, .* UTC\)$/ });
    const mine = conflict.getByRole('region', { name: 'Yours (not saved)' });
    expect(await saved.locator('dd').first().textContent()).toBe(issue);
    expect(await mine.locator('dd').first().textContent()).toBe(yours.title);
    expect(await saved.locator('pre').first().textContent()).toContain(firstLine);
    expect(await mine.locator('pre').first().textContent()).toContain(
      'From the second tab: bring a lantern to the opening.',
    );
    expect(await mine.textContent()).not.toContain(firstLine);
    // The whole saved text is there too, folded away.
    await saved.getByText('The whole saved text').click();
    expect(await saved.locator('details pre').textContent()).toContain(firstLine);
    await screenshot(second, `${mode}-conflict`);

    // And the form still holds the second tab's own text, every character of it.
    const kept = await itemFormValues(second);
    expect(kept).toMatchObject(yours);
    expect(kept.body).toBe(yours.body);

    // The second tab keeps its own version.
    const keep = itemForm(second).getByRole('button', { name: 'Keep yours' });
    await expectSaved(second, await send(second, keep, mode), mode, itemUrl, e2e.appUrl);
    expect(await second.getByRole('alert').count()).toBe(0);
    // Stored exactly as typed, line breaks too (a plain form posts them as CR LF, htmx as LF).
    const db = localDynamo(e2e.stack.dynamoEndpoint, e2e.stack.table);
    const stored = await getItem(db, 'bulletin', itemUrl.split('/').pop()!);
    expect(stored).toMatchObject(yours);

    // A fresh editor (the first tab, reloaded) and the dashboard show the second tab's version.
    await first.goto(itemUrl);
    expect(await itemFormValues(first)).toMatchObject(yours);
    await first.getByRole('link', { name: 'Back to the site' }).click();
    await first.waitForURL(`${appUrl}/sites/bulletin`);
    await first.getByRole('link', { name: yours.title, exact: true }).waitFor();
    expect(await first.getByRole('link', { name: issue, exact: true }).count()).toBe(0);
  } finally {
    await close();
  }
}

describe('POST /sites/:name/items/:id (with JavaScript on)', () => {
  test('a save from a stale tab shows both versions and keeps its text until chosen', async () => {
    await twoTabsConflict('javascript', 'The crossing is coming');
  });
});

describe('POST /sites/:name/items/:id (with JavaScript blocked for the app)', () => {
  test('a save from a stale tab shows both versions and keeps its text until chosen', async () => {
    await twoTabsConflict('no-javascript', 'Hello, Oak Street');
  });
});
