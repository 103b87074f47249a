/**
 * The steps the site-editor journeys share, in both modes: with
 * JavaScript, where htmx sends the editor's forms and swaps the answer in
 * place, and with JavaScript blocked, where the same forms post and
 * redirect. `send` presses a button and reports which of the two really
 * happened, so each journey can assert its mode instead of assuming it.
 * Also reading and filling the item form, making a site from "Your
 * sites", following links in a preview, and screenshots on request.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page, Response } from 'playwright-core';
import { demoAccounts } from '../../scripts/local/demo';
import { signInAs } from './journey';
import { javaScriptRunsOn, launchWithJavaScriptBlockedFor, type E2E } from './stack';

/** Asserts a save went through: swapped in place with JavaScript, a 303 to the editor without. */
export async function expectSaved(
  page: Page,
  sent: Sent,
  mode: Mode,
  itemUrl: string,
  appUrl: string,
): Promise<void> {
  expect(sent.byHtmx).toBe(mode === 'javascript');
  if (mode === 'javascript') {
    expect(sent.status).toBe(200);
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved at \d\d:\d\d UTC\.$/ })
      .waitFor();
    await expectNotReloaded(page);
    expect(page.url()).toBe(itemUrl);
  } else {
    expect(sent.status).toBe(303);
    expect(`${appUrl}${sent.next}`).toBe(`${itemUrl}?saved`);
    await page.waitForURL(`${itemUrl}?saved`);
    expect(await page.getByRole('status').first().textContent()).toBe('Saved.');
  }
}

/** Whether the app's pages run scripts in the browser doing the journey. */
export type Mode = 'javascript' | 'no-javascript';

/** What pressing a form's button did. */
export interface Sent {
  /** The status of the answer to the form's POST (a 303 is not followed here). */
  status: number;
  /** Whether htmx sent it (the `HX-Request` header). */
  byHtmx: boolean;
  /** The answer's `Location` (after a 303) or `HX-Redirect` (after htmx's 204). */
  next?: string;
}

const alice = demoAccounts.find((a) => a.handle === 'alice.test')!;

/**
 * alice, signed in through the PDS's pages, in a browser of `mode`: a fresh
 * context of the file's Chromium, or a Chromium of her own that blocks
 * JavaScript for the app (and only the app). Checks the mode really holds
 * before the journey starts. `close` ends that browser (or context).
 */
export async function aliceIn(
  e2e: E2E,
  mode: Mode,
): Promise<{ page: Page; close(): Promise<void> }> {
  const browser =
    mode === 'javascript'
      ? await e2e.browser.newContext().then((context) => ({
          context,
          close: () => context.close(),
        }))
      : await launchWithJavaScriptBlockedFor(e2e.appUrl);
  try {
    expect(await javaScriptRunsOn(browser.context, e2e.appUrl)).toBe(mode === 'javascript');
    expect(await javaScriptRunsOn(browser.context, e2e.pdsUrl)).toBe(true);
    const page = await signInAs(browser.context, e2e, alice);
    return { page, close: browser.close };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

const MARK = 'nbhd journey mark';

/**
 * Presses `button` and waits for the answer to the form's POST (to its
 * `action`, not the inline field checks htmx posts as fields change). With
 * JavaScript, it first leaves a mark on `window` that a reload would wipe,
 * for `expectNotReloaded`.
 */
export async function send(page: Page, button: Locator, mode: Mode): Promise<Sent> {
  if (mode === 'javascript') {
    await page.evaluate((mark) => {
      (globalThis as { nbhdJourney?: string }).nbhdJourney = mark;
    }, MARK);
  }
  const action = await button.evaluate(
    (element) => (element as unknown as { form: { action: string } }).form.action,
  );
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url() === action);
  await button.click();
  const request = await posted;
  const response = await request.response();
  if (!response) throw new Error(`no answer to POST ${action}`);
  const headers = await response.allHeaders();
  return {
    status: response.status(),
    byHtmx: (await request.allHeaders())['hx-request'] === 'true',
    next: headers['hx-redirect'] ?? headers.location,
  };
}

/** Asserts the page was not reloaded since `send` marked its window (htmx swapped in place). */
export async function expectNotReloaded(page: Page): Promise<void> {
  const mark = await page.evaluate(() => (globalThis as { nbhdJourney?: string }).nbhdJourney);
  expect(mark).toBe(MARK);
}

/** The item form's fields, as the editor names them in `name` attributes. */
export interface ItemFields {
  title?: string;
  slug?: string;
  number?: string;
  date?: string;
  tags?: string;
  summary?: string;
  body?: string;
  status?: 'draft' | 'ready';
}

/** The item form in the editor (there is one, in `#editor`). */
export const itemForm = (page: Page) => page.locator('#editor form.item-form');

/** Types `fields` into the item form, each into the control its label names. */
export async function fillItemForm(page: Page, fields: ItemFields): Promise<void> {
  const form = itemForm(page);
  const labels: Record<Exclude<keyof ItemFields, 'status'>, string> = {
    title: 'Title',
    slug: 'Web address (slug)',
    number: 'Issue number',
    date: 'Date',
    tags: 'Tags',
    summary: 'Summary',
    body: 'Text',
  };
  for (const [field, label] of Object.entries(labels)) {
    const value = fields[field as keyof typeof labels];
    if (value !== undefined) await form.getByLabel(label, { exact: true }).fill(value);
  }
  if (fields.status === 'ready') await form.getByLabel(/^Ready:/).check();
  if (fields.status === 'draft') await form.getByLabel(/^Draft:/).check();
}

/** What the item form holds now, field by field (only the fields it has). */
export async function itemFormValues(page: Page): Promise<ItemFields> {
  return itemForm(page).evaluate((form) => {
    const values: Record<string, string> = {};
    const controls = (form as unknown as { elements: ArrayLike<HTMLFormControl> }).elements;
    for (const control of Array.from(controls)) {
      if (!control.name || control.type === 'hidden' || control.type === 'submit') continue;
      if (control.type === 'radio') {
        if (control.checked) values[control.name] = control.value;
      } else {
        values[control.name] = control.value;
      }
    }
    return values;
  });
}

/** The few properties of a form control that `itemFormValues` reads (the DOM types are not loaded). */
interface HTMLFormControl {
  name: string;
  type: string;
  value: string;
  checked: boolean;
}

/** The problem shown next to a field of the item form, or null. */
export async function fieldProblem(page: Page, field: string): Promise<string | null> {
  const error = page.locator(`#field-${field} #${field}-error`);
  if (!(await error.count())) return null;
  return error.textContent();
}

/**
 * From anywhere in the app, follows the header's "Your sites", then "Make a
 * new site"; chooses `template` and takes the suggested name, or types
 * `name`. Returns the name, once the site's dashboard is open.
 */
export async function makeSite(
  page: Page,
  appUrl: string,
  template: string,
  name?: string,
): Promise<string> {
  await page
    .getByRole('navigation', { name: 'Site' })
    .getByRole('link', { name: 'Your sites', exact: true })
    .click();
  await page.waitForURL(`${appUrl}/sites`);
  await page.getByRole('link', { name: 'Make a new site' }).click();
  await page.waitForURL(`${appUrl}/sites/new`);
  await page.getByRole('radio', { name: template, exact: true }).check();
  const field = page.getByRole('textbox', { name: 'Name', exact: true });
  if (name === undefined) {
    name = await field.inputValue();
    expect(await page.locator('#name-status').textContent()).toContain(
      `We suggest this name, from your handle. “${name}” is free`,
    );
  } else {
    await field.fill(name);
  }
  await page.getByRole('button', { name: 'Make the site' }).click();
  await page.waitForURL(`${appUrl}/sites/${name}`);
  // The dashboard is headed by the site's title (the template's own until the owner sets one).
  await page.getByRole('heading', { level: 1 }).waitFor();
  return name;
}

/** The preview's banner, which the edge adds to every HTML page of a preview. */
export const previewBanner = (page: Page) => page.locator('aside[data-nbhd-preview]');

/**
 * Clicks `link` (in a preview) and waits for the page at `path` on the
 * app's origin; returns the answer to that navigation.
 */
export async function follow(
  page: Page,
  link: Locator,
  appUrl: string,
  path: string,
): Promise<Response> {
  const url = `${appUrl}${path}`;
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === url && r.request().isNavigationRequest()),
    link.click(),
  ]);
  await page.waitForURL(url);
  return response;
}

/** Asserts the page is a preview page: answered 200, with the banner saying it is a preview. */
export async function expectPreviewPage(page: Page, response: Response | null): Promise<void> {
  expect(response?.status()).toBe(200);
  expect(await previewBanner(page).count()).toBe(1);
  expect(await previewBanner(page).textContent()).toContain(
    'Preview: this is how your site will look. It is not published.',
  );
}

/**
 * When `NBHD_E2E_SCREENSHOTS` names a folder, saves a full-page screenshot
 * of `page` there as `<name>.png` (for looking at the pages by eye).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.NBHD_E2E_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The number of the first `[n]` in `text` at or after `from`. */
function numberAfter(text: string, from: number, what: string): number {
  const match = /\[(\d+)\]/.exec(text.slice(from));
  if (!match) throw new Error(`lynx lists no ${what}`);
  return Number(match[1]);
}

/**
 * Where things are in a `lynx -dump -number_fields` of a page: lynx numbers
 * links and form fields in the order its Down Arrow visits them, starting
 * at 1 (the link selected when a page opens).
 */
export const lynxNumbers = {
  /** A link, by its text. */
  link(dump: string, text: string): number {
    const match = new RegExp(`\\[(\\d+)\\]${escaped(text)}`).exec(dump);
    if (!match) throw new Error(`lynx lists no link “${text}”`);
    return Number(match[1]);
  },
  /**
   * The field after its label, which starts a line: the field follows on
   * the same line, or after the hint (for a text area, its first line).
   */
  field(dump: string, label: string): number {
    const match = new RegExp(`^\\s*${escaped(label)}(?=\\s*$|\\s*\\[)`, 'm').exec(dump);
    if (!match) throw new Error(`lynx shows no label “${label}”`);
    return numberAfter(dump, match.index + match[0].length, `field after “${label}”`);
  },
  /** A radio button, by the words of its label. */
  radio(dump: string, label: string): number {
    const match = new RegExp(`\\[(\\d+)\\]\\([ *]\\) ${escaped(label)}`).exec(dump);
    if (!match) throw new Error(`lynx lists no radio button “${label}”`);
    return Number(match[1]);
  },
  /** A form's button, by its text. */
  button(dump: string, text: string): number {
    const match = new RegExp(`\\(\\[(\\d+)\\]BUTTON\\) ${escaped(text)}`).exec(dump);
    if (!match) throw new Error(`lynx lists no button “${text}”`);
    return Number(match[1]);
  },
};
