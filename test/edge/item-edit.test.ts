/**
 * Editing an entry or page: the editor links to (and frames) the right
 * preview, saves by plain form (303) or with htmx (the editor fragment with
 * "Saved", the new version and a fresh preview frame), and a save from a
 * stale tab never overwrites: both versions are shown, the losing text is
 * kept in full, and the person chooses.
 */
import { describe, expect, it } from 'vitest';
import { getItem, trashItem } from '../../edge/db/items';
import { createViaForm, editForm, escaped, HTMX, siteOwner } from './item-support';
import { db, get, postForm, signIn } from './support';

describe('GET /sites/:name/items/:id', () => {
  it('opens a draft with its values, version, and a draft preview link and lazy frame', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { title: 'Seed swap', tags: 'garden, swap' });
    const res = await get(`/sites/${owner.site.name}/items/${item.id}`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('<h1>Edit post: Seed swap</h1>');
    expect(html).toContain('name="version" value="1"');
    expect(html).toMatch(/name="tags"[^>]*value="garden, swap"/);
    const draft = `/sites/${owner.site.name}/preview/draft/${item.id}/posts/seed-swap/`;
    expect(html).toContain(`<a href="${draft}">Preview this post</a>`);
    expect(html).toMatch(
      new RegExp(
        `<details class="preview-panel"><summary>[^<]+</summary><iframe id="preview-frame" class="preview-frame" src="${draft}" loading="lazy"`,
      ),
    );
    expect(html).toContain(`href="/sites/${owner.site.name}/items/${item.id}/delete"`);
  });

  it('points a ready page at the site’s own preview, at the page’s address', async () => {
    const owner = await siteOwner();
    const page = await createViaForm(owner, {
      kind: 'page',
      title: 'About',
      slug: 'about',
      status: 'ready',
    });
    const html = await (
      await get(`/sites/${owner.site.name}/items/${page.id}`, { cookie: owner.cookie })
    ).text();
    expect(html).toContain(
      `<a href="/sites/${owner.site.name}/preview/about/">Preview this page</a>`,
    );
  });

  it('is a 404 for another member, an admin, an id from another site, and a made-up id', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const path = `/sites/${owner.site.name}/items/${item.id}`;
    for (const as of [await signIn({}, 'member'), await signIn({}, 'admin')]) {
      expect((await get(path, { cookie: as.cookie })).status).toBe(404);
    }
    const other = await siteOwner();
    const theirs = await createViaForm(other);
    const crossed = `/sites/${owner.site.name}/items/${theirs.id}`;
    expect((await get(crossed, { cookie: owner.cookie })).status).toBe(404);
    const madeUp = `/sites/${owner.site.name}/items/00000000-0000-4000-8000-000000000000`;
    expect((await get(madeUp, { cookie: owner.cookie })).status).toBe(404);
    expect(
      (await get(`/sites/${owner.site.name}/items/nope`, { cookie: owner.cookie })).status,
    ).toBe(404);
  });
});

describe('POST /sites/:name/items/:id', () => {
  it('saves the changes over the version it was opened at, then comes back with “Saved” (303)', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const path = `/sites/${owner.site.name}/items/${item.id}`;
    const res = await postForm(
      path,
      editForm(owner, item, { title: 'Tomatoes, final count', slug: 'tomatoes', status: 'ready' }),
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${path}?saved`);
    expect(await getItem(db, owner.site.name, item.id)).toMatchObject({
      title: 'Tomatoes, final count',
      slug: 'tomatoes',
      status: 'ready',
      version: 2,
    });
  });

  it('with htmx, answers the editor fragment with “Saved”, the new version and a fresh preview frame', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const res = await postForm(
      `/sites/${owner.site.name}/items/${item.id}`,
      editForm(owner, item, { slug: 'renamed', body: 'New words.' }),
      { cookie: owner.cookie, ...HTMX },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<div id="editor">')).toBe(true);
    expect(html).not.toContain('<html');
    expect(html).toMatch(/<p class="notice saved" role="status">Saved at \d\d:\d\d UTC\.<\/p>/);
    expect(html).toContain('name="version" value="2"');
    expect(html).toContain('>New words.</textarea>');
    expect(html).toContain(
      `<iframe id="preview-frame" class="preview-frame" src="/sites/${owner.site.name}/preview/draft/${item.id}/posts/renamed/" loading="lazy" title="Preview of this page as visitors will see it" data-hx-swap-oob="true"></iframe>`,
    );
    expect((await getItem(db, owner.site.name, item.id))!.body).toBe('New words.');
  });

  it('shows both versions when another tab saved first, keeps the losing text in full, and overwrites nothing', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { body: 'Line one\nLine two\nLine three' });
    const path = `/sites/${owner.site.name}/items/${item.id}`;
    // Tab one saves first.
    const first = await postForm(
      path,
      editForm(owner, item, { body: 'Line one\nLine two, from tab one\nLine three' }),
      { cookie: owner.cookie },
    );
    expect(first.status).toBe(303);
    // Tab two still holds version 1, and a long text.
    const theirs = `Line one\nLine two, from tab two <b>&</b>\n${'more words '.repeat(2000)}\nLine three`;
    const res = await postForm(
      path,
      editForm(owner, item, { title: 'Tab two title', body: theirs }),
      {
        cookie: owner.cookie,
      },
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('This changed in another tab or device while you were editing');
    expect(html).toContain('<h3 id="version-saved">Saved (version 2,');
    expect(html).toContain('<h3 id="version-yours">Yours (not saved)</h3>');
    expect(html).toContain('<dt>Title</dt><dd>Tomatoes on the balcony</dd>');
    expect(html).toContain('<dt>Title</dt><dd>Tab two title</dd>');
    expect(html).toContain('<pre class="text">Line two, from tab one</pre>');
    expect(html).toContain(`<pre class="text">${escaped('Line two, from tab two <b>&</b>')}\nmore`);
    // The whole of tab two's text is in the form, which now saves over version 2.
    expect(html).toContain(`>${escaped(theirs)}</textarea>`);
    expect(html).toContain('name="version" value="2"');
    expect(html).toContain('<button type="submit">Keep yours</button>');
    expect(html).toContain(`<a href="${path}">Take the saved version</a>`);
    const now = (await getItem(db, owner.site.name, item.id))!;
    expect(now.body).toBe('Line one\nLine two, from tab one\nLine three');
    expect(now.version).toBe(2);
  });

  it('keeps the other version when “Keep yours” is pressed: it saves over the current version', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const path = `/sites/${owner.site.name}/items/${item.id}`;
    await postForm(path, editForm(owner, item, { body: 'Tab one' }), { cookie: owner.cookie });
    const conflict = await (
      await postForm(path, editForm(owner, item, { body: 'Tab two' }), { cookie: owner.cookie })
    ).text();
    const version = /name="version" value="(\d+)"/.exec(conflict)![1]!;
    const res = await postForm(path, editForm(owner, item, { body: 'Tab two', version }), {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(303);
    expect(await getItem(db, owner.site.name, item.id)).toMatchObject({
      body: 'Tab two',
      version: 3,
    });
  });

  it('with htmx, answers the same conflict view as a fragment', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const path = `/sites/${owner.site.name}/items/${item.id}`;
    await postForm(path, editForm(owner, item, { summary: 'From a phone' }), {
      cookie: owner.cookie,
    });
    const res = await postForm(path, editForm(owner, item, { summary: 'From a laptop' }), {
      cookie: owner.cookie,
      ...HTMX,
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html.startsWith('<div id="editor">')).toBe(true);
    expect(html).toContain('<dt>Summary</dt><dd>From a phone</dd>');
    expect(html).toContain('<dt>Summary</dt><dd>From a laptop</dd>');
    expect(html).toContain('>From a laptop</textarea>');
    expect((await getItem(db, owner.site.name, item.id))!.summary).toBe('From a phone');
  });

  it('counts a stale save that changes nothing the other did not as saved', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const path = `/sites/${owner.site.name}/items/${item.id}`;
    await postForm(path, editForm(owner, item, { body: 'Same' }), { cookie: owner.cookie });
    const res = await postForm(path, editForm(owner, item, { body: 'Same' }), {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(303);
    expect((await getItem(db, owner.site.name, item.id))!.version).toBe(2);
  });

  it('keeps the text and says so when the item was moved to the trash in another tab', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    await trashItem(db, owner.site.name, item.id);
    const res = await postForm(
      `/sites/${owner.site.name}/items/${item.id}`,
      editForm(owner, item, { body: 'Written after the delete.' }),
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Not saved: this was moved to the trash in another tab or device.');
    expect(html).toContain('>Written after the delete.</textarea>');
  });

  it('refuses a slug another item has, naming it and keeping the rest', async () => {
    const owner = await siteOwner();
    await createViaForm(owner, { title: 'Taken', slug: 'taken' });
    const item = await createViaForm(owner, { title: 'Mine' });
    const res = await postForm(
      `/sites/${owner.site.name}/items/${item.id}`,
      editForm(owner, item, { slug: 'taken', body: 'Unsaved words' }),
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(
      'Another item of this site already uses “taken”. Choose another address.',
    );
    expect(html).toContain('>Unsaved words</textarea>');
    expect((await getItem(db, owner.site.name, item.id))!.slug).toBe('mine');
  });

  it('needs the CSRF token', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const { _csrf: _, ...form } = editForm(owner, item, { title: 'Forged' });
    const res = await postForm(`/sites/${owner.site.name}/items/${item.id}`, form, {
      cookie: owner.cookie,
      ...HTMX,
    });
    expect(res.status).toBe(403);
    expect((await getItem(db, owner.site.name, item.id))!.title).not.toBe('Forged');
  });

  it('is a 404 for another member, an admin, and an id from another site, and changes nothing', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    for (const as of [await signIn({}, 'member'), await signIn({}, 'admin')]) {
      const res = await postForm(
        `/sites/${owner.site.name}/items/${item.id}`,
        editForm(as, item, { title: 'Hijacked' }),
        { cookie: as.cookie },
      );
      expect(res.status).toBe(404);
    }
    const other = await siteOwner();
    const res = await postForm(
      `/sites/${other.site.name}/items/${item.id}`,
      editForm(other, item, { title: 'Hijacked' }),
      { cookie: other.cookie },
    );
    expect(res.status).toBe(404);
    expect((await getItem(db, owner.site.name, item.id))!.title).toBe('Tomatoes on the balcony');
  });
});
