/**
 * The editor on a laptop and on a phone, in Chromium, with JavaScript on
 * and blocked: at 1280 px the text and the preview of the item stand side
 * by side (the preview showing the builder's page, not folded away); at
 * 360 px they stack, the preview folded below the form. With JavaScript a
 * save swaps the editor in place and the preview stays beside it, now
 * showing the saved text; without it the plain "Preview this …" link
 * opens the same preview page.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { aliceIn, expectSaved, fillItemForm, itemForm, screenshot, send, type Mode } from './sites';
import { useStack } from './stack';

const e2e = useStack();

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not shown`);
  return box;
}

/** The text area and the preview region, as laid out now. */
async function layout(page: Page) {
  return {
    text: await boxOf(page, 'textarea[name="body"]'),
    preview: await boxOf(page, '.preview-pane'),
  };
}

async function editorAtBothWidths(mode: Mode): Promise<void> {
  const { page, close } = await aliceIn(e2e, mode);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${e2e.appUrl}/sites/bulletin`);
    await page.getByRole('link', { name: 'The crossing is coming' }).click();
    await page.getByRole('heading', { level: 1, name: /^Edit issue:/ }).waitFor();
    const itemUrl = page.url();

    // Side by side: the preview starts right of the text and beside it, not below.
    const wide = await layout(page);
    expect(wide.preview.x).toBeGreaterThanOrEqual(wide.text.x + wide.text.width);
    expect(wide.preview.y).toBeLessThan(wide.text.y + wide.text.height);
    const frame = await boxOf(page, '#preview-frame');
    expect(frame.height).toBeGreaterThan(wide.text.height);
    await page.frameLocator('#preview-frame').locator('aside[data-nbhd-preview]').waitFor();
    await page
      .frameLocator('#preview-frame')
      .getByRole('heading', { level: 1, name: 'The crossing is coming' })
      .waitFor();
    await screenshot(page, `${mode}-1280-editor`);

    if (mode === 'javascript') {
      await fillItemForm(page, { title: 'The crossing is coming soon' });
      const saved = await send(page, itemForm(page).getByRole('button', { name: 'Save' }), mode);
      await expectSaved(page, saved, mode, itemUrl, e2e.appUrl);
      await page
        .frameLocator('#preview-frame')
        .getByRole('heading', { level: 1, name: 'The crossing is coming soon' })
        .waitFor();
      const after = await layout(page);
      expect(after.preview.x).toBeGreaterThanOrEqual(after.text.x + after.text.width);
    }

    // Stacked on a phone: the preview region sits wholly below the text.
    await page.setViewportSize({ width: 360, height: 740 });
    const narrow = await layout(page);
    expect(narrow.preview.y).toBeGreaterThanOrEqual(narrow.text.y + narrow.text.height);
    expect(Math.abs(narrow.preview.x - narrow.text.x)).toBeLessThan(narrow.text.width / 2);
    await page.getByText('Show the preview here').waitFor();
    await screenshot(page, `${mode}-360-editor`);

    if (mode === 'no-javascript') {
      const link = page.getByRole('link', { name: /^Preview this issue/ });
      const href = await link.getAttribute('href');
      await link.click();
      await page.waitForURL(`${e2e.appUrl}${href}`);
      await page.getByRole('heading', { level: 1, name: 'The crossing is coming' }).waitFor();
    }
  } finally {
    await close();
  }
}

describe('the item editor at 1280 and 360 px (with JavaScript on)', () => {
  test('sets the text and the preview side by side on a laptop, stacked on a phone', async () => {
    await editorAtBothWidths('javascript');
  });
});

describe('the item editor at 1280 and 360 px (with JavaScript blocked for the app)', () => {
  test('sets the text and the preview side by side on a laptop, stacked on a phone', async () => {
    await editorAtBothWidths('no-javascript');
  });
});
