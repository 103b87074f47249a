/**
 * The editor's page as a writing tool: beside the form (on a wide screen,
 * by the stylesheet) sits a preview region framing the builder's own
 * preview of this item; the form saves by htmx into the editor and the save
 * refreshes that frame; without JavaScript a plain link opens the same
 * preview. A new item, which has no preview yet, has no region.
 */
import { describe, expect, it } from 'vitest';
import { createViaForm, editForm, HTMX, siteOwner } from './item-support';
import { get, postForm } from './support';

/** The page's preview region (an `aside` named Preview), or undefined. */
const previewRegion = (html: string) =>
  /<aside class="preview-pane" aria-label="Preview">([\s\S]*?)<\/aside>/.exec(html)?.[1];

describe('GET /sites/:name/items/:id (the editor page)', () => {
  it('sets the form and a preview region framing this item’s preview side by side', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { title: 'Seed swap' });
    const html = await (
      await get(`/sites/${owner.site.name}/items/${item.id}`, { cookie: owner.cookie })
    ).text();
    const preview = `/sites/${owner.site.name}/preview/draft/${item.id}/posts/seed-swap/`;
    const region = previewRegion(html);
    expect(region).toBeDefined();
    expect(region).toMatch(new RegExp(`<iframe id="preview-frame"[^>]* src="${preview}"`));
    // The form and the region are the two parts of one editor layout.
    const layout = html.indexOf('<div class="editor-page with-preview">');
    expect(layout).toBeGreaterThan(-1);
    expect(html.indexOf('<div id="editor">')).toBeGreaterThan(layout);
    expect(html.indexOf('<aside class="preview-pane"')).toBeGreaterThan(
      html.indexOf('<div id="editor">'),
    );
    // htmx saves the form into the editor; without it, the link opens the same preview.
    const action = `/sites/${owner.site.name}/items/${item.id}`;
    expect(html).toMatch(
      new RegExp(
        `<form method="post" action="${action}"[^>]* data-hx-post="${action}" data-hx-target="#editor" data-hx-swap="outerHTML"`,
      ),
    );
    expect(html).not.toMatch(/\shx-[a-z]+=/);
    expect(html).toContain(`<a href="${preview}">Preview this post</a>`);
    expect(html).toMatch(/<script src="[^"]*htmx[^"]*" defer/);
  });

  it('has no preview region for an item not saved yet', async () => {
    const owner = await siteOwner();
    const html = await (
      await get(`/sites/${owner.site.name}/items/new?kind=entry`, { cookie: owner.cookie })
    ).text();
    expect(html).toContain('<div id="editor">');
    expect(previewRegion(html)).toBeUndefined();
    expect(html).not.toContain('with-preview');
  });
});

describe('POST /sites/:name/items/:id with htmx', () => {
  it('answers a frame that replaces the region’s preview, pointing at the saved item', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const html = await (
      await postForm(
        `/sites/${owner.site.name}/items/${item.id}`,
        editForm(owner, item, { slug: 'moved', status: 'ready' }),
        { cookie: owner.cookie, ...HTMX },
      )
    ).text();
    expect(previewRegion(html)).toBeUndefined();
    expect(html).toMatch(
      new RegExp(
        `<iframe id="preview-frame"[^>]* src="/sites/${owner.site.name}/preview/posts/moved/"[^>]* data-hx-swap-oob="true"`,
      ),
    );
  });
});
