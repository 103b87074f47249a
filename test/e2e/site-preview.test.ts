/**
 * Proves a member can make a blog and see it as visitors will, in the
 * browser, from the first click: alice goes from "Your sites" to "Make a
 * new site", chooses Blog, takes the name suggested from her handle and
 * lands on the new site's dashboard. She writes a post with a title, two
 * tags and a Markdown body and saves it; while it is a draft, the editor's
 * "Preview this post" shows it rendered (while the site's own preview does
 * not list it yet). She marks it ready and saves again, then opens
 * "Preview the site" and clicks her way through it: the front page, the
 * post, one of its tag pages, and home again, each answered 200 with the
 * banner saying it is a preview.
 *
 * It runs with JavaScript on (creating a post follows htmx's redirect to
 * its editor; saving it again swaps the editor in place, with no reload,
 * and refreshes the preview frame) and with JavaScript blocked for the app
 * (every save is a plain POST answered 303). Both share one stack: the
 * second blog takes the next suggested name. First, though, every editor
 * page is opened at 360 px wide and must not be wider than the screen.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { demoAccounts } from '../../scripts/local/demo';
import { signInAs } from './journey';
import {
  aliceIn,
  expectPreviewPage,
  expectSaved,
  fillItemForm,
  follow,
  itemForm,
  makeSite,
  previewBanner,
  screenshot,
  send,
  type Mode,
} from './sites';
import { useStack } from './stack';

const e2e = useStack();
const alice = demoAccounts.find((a) => a.handle === 'alice.test')!;

const post = {
  title: 'Compost for small gardens',
  tags: 'garden, compost',
  body: [
    'Start a heap with **autumn leaves** and kitchen peelings.',
    '',
    '## What goes in',
    '',
    '- vegetable peelings',
    '- coffee grounds',
    '- torn cardboard',
    '',
    'Turn it every few weeks. The [council’s guide](https://example.org/compost) has more.',
  ].join('\n'),
};
const slug = 'compost-for-small-gardens';

/** Asserts `page` shows the post as the blog renders it: title, Markdown made HTML, tag links. */
async function expectPostPage(page: Page): Promise<void> {
  const article = page.getByRole('main').getByRole('article');
  await article.getByRole('heading', { name: post.title, level: 1 }).waitFor();
  expect(await article.locator('strong').textContent()).toBe('autumn leaves');
  // Markdown's `##` is the first level below the post's own title.
  await article.getByRole('heading', { name: 'What goes in', level: 2 }).waitFor();
  expect(await article.locator('.prose li').allTextContents()).toEqual([
    'vegetable peelings',
    'coffee grounds',
    'torn cardboard',
  ]);
  expect(await article.getByRole('link', { name: 'council’s guide' }).getAttribute('href')).toBe(
    'https://example.org/compost',
  );
  expect(
    await article.getByRole('list', { name: 'Tags' }).getByRole('link').allTextContents(),
  ).toEqual(['garden', 'compost']);
}

async function makeBlogWriteAndPreview(mode: Mode): Promise<void> {
  const { appUrl } = e2e;
  const { page, close } = await aliceIn(e2e, mode);
  try {
    // "Your sites" → "Make a new site" → Blog, with the suggested name.
    const name = await makeSite(page, appUrl, 'Blog');
    expect(name).toBe(mode === 'javascript' ? 'alice' : 'alice-2');
    const site = `${appUrl}/sites/${name}`;
    await page.getByText(`A blog, to be published at http://${name}.localhost:`).waitFor();
    await page.getByText('No posts yet.').waitFor();
    await screenshot(page, `${mode}-dashboard-new`);

    // A new post: title, tags, Markdown. Saving it opens its editor, saved.
    await page.getByRole('link', { name: 'New post', exact: true }).click();
    await page.waitForURL(`${site}/items/new?kind=entry`);
    await page.getByRole('heading', { name: 'New post', level: 1 }).waitFor();
    await fillItemForm(page, post);
    await screenshot(page, `${mode}-new-post`);
    const created = await send(page, itemForm(page).getByRole('button', { name: 'Save' }), mode);
    expect(created.byHtmx).toBe(mode === 'javascript');
    // htmx is told where to go (204 + HX-Redirect); a plain form is redirected.
    expect(created.status).toBe(mode === 'javascript' ? 204 : 303);
    expect(created.next).toMatch(new RegExp(`^/sites/${name}/items/[0-9a-f-]{36}\\?saved$`));
    await page.waitForURL(`${appUrl}${created.next}`);
    await page.getByRole('heading', { name: `Edit post: ${post.title}`, level: 1 }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toBe('Saved.');
    const itemUrl = page.url().replace(/\?saved$/, '');
    const itemId = itemUrl.split('/').pop()!;

    // While it is a draft, its own preview shows it; the site's preview does not list it.
    const draftLink = page.getByRole('link', { name: 'Preview this post' });
    const draftPath = `/sites/${name}/preview/draft/${itemId}/posts/${slug}/`;
    expect(await draftLink.getAttribute('href')).toBe(draftPath);
    await expectPreviewPage(page, await follow(page, draftLink, appUrl, draftPath));
    await expectPostPage(page);
    await screenshot(page, `${mode}-draft-preview`);
    const draftHome = await follow(
      page,
      page.getByRole('banner').getByRole('link', { name: 'My site' }),
      appUrl,
      `/sites/${name}/preview/draft/${itemId}/`,
    );
    await expectPreviewPage(page, draftHome);
    await page.getByRole('main').getByRole('link', { name: post.title }).waitFor();
    await page.goto(`${site}/preview/`);
    await page.getByText('Nothing here yet: the first post is on its way.').waitFor();

    // Mark it ready and save again.
    await page.goto(itemUrl);
    await fillItemForm(page, { status: 'ready' });
    const saved = await send(page, itemForm(page).getByRole('button', { name: 'Save' }), mode);
    // With JavaScript the editor is swapped in place, and the preview frame then shows the ready post.
    await expectSaved(page, saved, mode, itemUrl, appUrl);
    expect(
      await itemForm(page)
        .getByLabel(/^Ready:/)
        .isChecked(),
    ).toBe(true);
    const readyPath = `/sites/${name}/preview/posts/${slug}/`;
    expect(await page.getByRole('link', { name: 'Preview this post' }).getAttribute('href')).toBe(
      readyPath,
    );
    expect(await page.locator('#preview-frame').getAttribute('src')).toBe(readyPath);
    // A wide window shows the preview beside the text; a narrow one keeps it folded.
    const fold = page.getByText('Show the preview here');
    if (await fold.isVisible()) await fold.click();
    const frame = page.frameLocator('#preview-frame');
    await frame.getByRole('heading', { name: post.title, level: 1 }).waitFor();
    expect(await frame.locator('aside[data-nbhd-preview]').count()).toBe(1);
    await screenshot(page, `${mode}-post-saved-ready`);

    // The dashboard lists it as ready; its "Preview the site" opens the front page.
    await page.getByRole('link', { name: 'Back to the site' }).click();
    await page.waitForURL(site);
    const row = page.getByRole('listitem').filter({ hasText: post.title });
    expect(await row.locator('.badge').textContent()).toBe('Ready');
    const home = await follow(
      page,
      page.getByRole('link', { name: 'Preview the site' }),
      appUrl,
      `/sites/${name}/preview/`,
    );
    await expectPreviewPage(page, home);
    await screenshot(page, `${mode}-preview-home`);

    // Front page → the post → its "garden" tag → home, by clicking.
    const toPost = await follow(
      page,
      page.getByRole('main').getByRole('link', { name: post.title }),
      appUrl,
      readyPath,
    );
    await expectPreviewPage(page, toPost);
    await expectPostPage(page);
    const toTag = await follow(
      page,
      page.getByRole('list', { name: 'Tags' }).getByRole('link', { name: 'garden' }),
      appUrl,
      `/sites/${name}/preview/tags/garden/`,
    );
    await expectPreviewPage(page, toTag);
    await page.getByRole('heading', { name: 'Posts tagged “garden”', level: 1 }).waitFor();
    await page.getByRole('main').getByRole('link', { name: post.title }).waitFor();
    await screenshot(page, `${mode}-preview-tag`);
    const back = await follow(
      page,
      page.getByRole('banner').getByRole('link', { name: 'My site' }),
      appUrl,
      `/sites/${name}/preview/`,
    );
    await expectPreviewPage(page, back);
    await page.getByRole('main').getByRole('link', { name: post.title }).waitFor();

    // The banner leads back to the editor.
    await previewBanner(page).getByRole('link', { name: 'Back to the editor' }).click();
    await page.waitForURL(site);
  } finally {
    await close();
  }
}

describe('the site editor on a 360 px wide screen', () => {
  test('no editor page is wider than the screen', async () => {
    const { appUrl } = e2e;
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await signInAs(context, e2e, alice);
      await page.goto(`${appUrl}/sites/bulletin`);
      const issue = await page
        .getByRole('link', { name: 'The crossing is coming' })
        .getAttribute('href');
      const pages = {
        sites: '/sites',
        'new-site': '/sites/new',
        templates: '/templates',
        dashboard: '/sites/bulletin',
        settings: '/sites/bulletin/settings',
        'new-issue': '/sites/bulletin/items/new?kind=entry',
        editor: issue!,
        delete: `${issue!}/delete`,
        trash: '/sites/bulletin/trash',
      };
      for (const [name, path] of Object.entries(pages)) {
        const response = await page.goto(`${appUrl}${path}`);
        expect(response?.status()).toBe(200);
        await screenshot(page, `360-${name}`);
        const width = await page.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
              .document.documentElement.scrollWidth,
        );
        expect({ path, width }).toEqual({ path, width: 360 });
      }
    } finally {
      await context.close();
    }
  });
});

describe('GET /sites/:name/preview/ (with JavaScript on)', () => {
  test('alice makes a blog, writes a post, and clicks through its preview', async () => {
    await makeBlogWriteAndPreview('javascript');
  });
});

describe('GET /sites/:name/preview/ (with JavaScript blocked for the app)', () => {
  test('alice makes a blog, writes a post, and clicks through its preview', async () => {
    await makeBlogWriteAndPreview('no-javascript');
  });
});
