/**
 * Proves the item editor keeps what was typed when it refuses a save: alice
 * writes a new issue of her newsletter (the demo's `bulletin`) with a slug
 * that is not one and eleven tags. The form comes back (400) with every
 * field exactly as typed, each problem named next to its field and counted
 * above the form, and nothing saved. She fixes both and saves: the issue
 * exists, with what she typed.
 *
 * With JavaScript on, the slug's problem shows as soon as she leaves the
 * field (htmx checks it), and the refused save is swapped into the page
 * without a reload. With JavaScript blocked for the app, the plain form
 * does the same check on Save. One stack; each mode writes its own issue.
 */
import { describe, expect, test } from 'vitest';
import {
  aliceIn,
  expectNotReloaded,
  fieldProblem,
  fillItemForm,
  itemForm,
  itemFormValues,
  screenshot,
  send,
  type Mode,
} from './sites';
import { useStack } from './stack';

const e2e = useStack();

const slugProblem = 'Use lower-case letters, digits and single hyphens, like my-first-post.';
const tagsProblem = 'Use at most 10 tags.';

async function refusedThenFixed(mode: Mode, title: string): Promise<void> {
  const { appUrl } = e2e;
  const site = `${appUrl}/sites/bulletin`;
  const { page, close } = await aliceIn(e2e, mode);
  try {
    await page.goto(site);
    await page.getByRole('link', { name: 'New issue', exact: true }).click();
    await page.waitForURL(`${site}/items/new?kind=entry`);
    const blank = await itemFormValues(page);
    expect(blank.number).toMatch(/^\d+$/); // the next issue's number, filled in
    const typed = {
      ...blank,
      title,
      slug: 'Bike Repair Day!',
      tags: 'bikes, repair, green, saturday, tools, tyres, chains, brakes, lights, bells, kids',
      summary: '  Bring your bike; leave it rolling.  ',
      body: 'Bob fixes **anything with wheels**.\n\n- tyres\n- chains\n\n  Indented, and trailing spaces  ',
      status: 'ready' as const,
    };
    const { slug: badSlug, ...others } = typed;
    await fillItemForm(page, others);
    const checked = page.waitForResponse((r) => r.url().endsWith('/check?field=slug'), {
      timeout: mode === 'javascript' ? 30_000 : 2_000,
    });
    await fillItemForm(page, { slug: badSlug });
    await itemForm(page).getByLabel('Web address (slug)').press('Tab');
    if (mode === 'javascript') {
      // Leaving the slug field asks the server about it; the answer names the problem at once.
      expect((await checked).status()).toBe(200);
      await page.locator('#slug-error').waitFor();
      expect(await fieldProblem(page, 'slug')).toBe(slugProblem);
    } else {
      // Without JavaScript nothing is checked until Save.
      await expect(checked).rejects.toThrow(/Timeout/);
      expect(await fieldProblem(page, 'slug')).toBeNull();
    }
    expect(await itemFormValues(page)).toEqual(typed);

    const refused = await send(page, itemForm(page).getByRole('button', { name: 'Save' }), mode);
    expect(refused.status).toBe(400);
    expect(refused.byHtmx).toBe(mode === 'javascript');
    if (mode === 'javascript') await expectNotReloaded(page);
    await page
      .getByRole('alert')
      .filter({ hasText: '2 things need fixing before this can be saved' })
      .waitFor();
    expect(await fieldProblem(page, 'slug')).toBe(slugProblem);
    expect(await fieldProblem(page, 'tags')).toBe(tagsProblem);
    expect(await fieldProblem(page, 'title')).toBeNull();
    expect(await itemForm(page).getByLabel('Tags').getAttribute('aria-invalid')).toBe('true');
    // Every field as typed, spaces and all.
    expect(await itemFormValues(page)).toEqual(typed);
    await screenshot(page, `${mode}-refused`);

    // Nothing was saved.
    const dashboard = await page.context().newPage();
    await dashboard.goto(site);
    expect(await dashboard.getByRole('link', { name: title }).count()).toBe(0);

    // Fixed, it saves, and the editor shows what was typed.
    const slug = `bike-repair-day-${mode}`;
    await fillItemForm(page, { slug, tags: 'bikes, repair' });
    const created = await send(page, itemForm(page).getByRole('button', { name: 'Save' }), mode);
    expect(created.status).toBe(mode === 'javascript' ? 204 : 303);
    await page.waitForURL(`${appUrl}${created.next}`);
    expect(await page.getByRole('status').first().textContent()).toBe('Saved.');
    const saved = await itemFormValues(page);
    expect(saved).toEqual({
      ...typed,
      slug,
      tags: 'bikes, repair',
      // The summary is trimmed when saved; the text is kept exactly.
      summary: typed.summary.trim(),
    });
    await dashboard.reload();
    await dashboard.getByRole('link', { name: title, exact: true }).waitFor();
  } finally {
    await close();
  }
}

describe('POST /sites/:name/items (with JavaScript on)', () => {
  test('a refused new issue comes back as typed, with each problem by its field', async () => {
    await refusedThenFixed('javascript', 'Bike repair day on the green');
  });
});

describe('POST /sites/:name/items (with JavaScript blocked for the app)', () => {
  test('a refused new issue comes back as typed, with each problem by its field', async () => {
    await refusedThenFixed('no-javascript', 'Bike repair day, again');
  });
});
