/**
 * A site's dashboard and writing a new entry or page: the dashboard names
 * entries as the template does, lists entries and pages with status and
 * date, and links to settings, preview and trash; a new item's slug comes
 * from its title; and everything answers 404 to anyone but the owner,
 * admins included.
 */
import { describe, expect, it } from 'vitest';
import { createItem, listItems } from '../../edge/db/items';
import { saveSiteSettings } from '../../edge/db/sites';
import { createViaForm, HTMX, newItemForm, siteOwner } from './item-support';
import { db, get, postForm, signIn } from './support';

describe('GET /sites/:name', () => {
  it('shows the owner the template, the future address, and links to settings, preview and trash', async () => {
    const owner = await siteOwner('blog');
    const res = await get(`/sites/${owner.site.name}`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('<h1>My site</h1>');
    expect(html).toContain('A blog, to be published at');
    expect(html).toMatch(new RegExp(`<span class="address">https?://${owner.site.name}\\.`));
    expect(html).toContain(`href="/sites/${owner.site.name}/settings"`);
    expect(html).toContain(`href="/sites/${owner.site.name}/preview/"`);
    expect(html).toContain(`href="/sites/${owner.site.name}/trash"`);
    expect(html).toContain(`href="/sites/${owner.site.name}/items/new?kind=entry">New post</a>`);
    expect(html).toContain(`href="/sites/${owner.site.name}/items/new?kind=page">New page</a>`);
    expect(html).toContain('No posts yet.');
  });

  it('is headed by the site’s title, with the address under it', async () => {
    const owner = await siteOwner('blog');
    const settings = { ...owner.site.settings, title: 'Corner Bakery' };
    await saveSiteSettings(db, owner.site.name, settings, owner.site.version);
    const html = await (await get(`/sites/${owner.site.name}`, { cookie: owner.cookie })).text();
    expect(html).toContain('<title>Corner Bakery');
    const after = html.slice(html.indexOf('<h1>Corner Bakery</h1>'));
    expect(after).toMatch(
      new RegExp(
        `^<h1>Corner Bakery</h1>\\s*<section[^>]*>\\s*<p>A blog, to be published at <span class="address">https?://${owner.site.name}\\.`,
      ),
    );
  });

  it.each([
    ['showcase', 'Projects', 'New project'],
    ['newsletter', 'Issues', 'New issue'],
  ] as const)('names a %s’s entries as its template does', async (template, plural, button) => {
    const owner = await siteOwner(template);
    const html = await (await get(`/sites/${owner.site.name}`, { cookie: owner.cookie })).text();
    expect(html).toContain(`<h2 id="entries-heading">${plural}</h2>`);
    expect(html).toContain(`>${button}</a>`);
  });

  it('lists entries newest first and pages, each with its status and date', async () => {
    const owner = await siteOwner();
    const base = {
      kind: 'entry' as const,
      summary: '',
      body: '',
      tags: [],
      link: '',
      imageUrl: '',
      imageAlt: '',
    };
    await createItem(db, owner.site.name, {
      ...base,
      title: 'Older post',
      slug: 'older',
      date: '2026-01-05',
      status: 'ready',
    });
    await createItem(db, owner.site.name, {
      ...base,
      title: 'Newer post',
      slug: 'newer',
      date: '2026-04-20',
      status: 'draft',
    });
    await createItem(db, owner.site.name, {
      ...base,
      kind: 'page',
      title: 'About me',
      slug: 'about',
      date: '2026-02-01',
      status: 'ready',
    });
    const html = await (await get(`/sites/${owner.site.name}`, { cookie: owner.cookie })).text();
    const entries = html.slice(html.indexOf('entries-heading'), html.indexOf('pages-heading'));
    expect(entries.indexOf('Newer post')).toBeLessThan(entries.indexOf('Older post'));
    expect(entries).toMatch(
      /Newer post<\/a> <span class="badge draft">Draft<\/span> <span class="hint"><time datetime="2026-04-20">20 April 2026<\/time>/,
    );
    expect(entries).toMatch(/Older post<\/a> <span class="badge ready">Ready<\/span>/);
    const pages = html.slice(html.indexOf('pages-heading'));
    expect(pages).toMatch(/About me<\/a> <span class="badge ready">Ready<\/span>/);
  });

  it('is a 404 for another member and for an admin, and asks a signed-out person to sign in', async () => {
    const owner = await siteOwner();
    const other = await signIn({}, 'member');
    const admin = await signIn({}, 'admin');
    for (const as of [other, admin]) {
      expect((await get(`/sites/${owner.site.name}`, { cookie: as.cookie })).status).toBe(404);
    }
    expect((await get(`/sites/${owner.site.name}`)).status).toBe(401);
    expect((await get('/sites/no-such-site-here', { cookie: owner.cookie })).status).toBe(404);
  });
});

describe('GET /sites/:name/items/new', () => {
  it('offers an empty post form dated today, with the Markdown help and no preview yet', async () => {
    const owner = await siteOwner();
    const res = await get(`/sites/${owner.site.name}/items/new?kind=entry`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>New post</h1>');
    expect(html).toContain(`<form method="post" action="/sites/${owner.site.name}/items"`);
    expect(html).toContain(`name="_csrf" value="${owner.csrf}"`);
    expect(html).toContain('<input type="hidden" name="kind" value="entry"/>');
    const today = new Date().toISOString().slice(0, 10);
    expect(html).toMatch(new RegExp(`name="date"[^>]*type="date" value="${today}"`));
    // Worded for the browser's date picker and for a date typed into a plain box alike.
    expect(html).toContain(
      '<p class="hint" id="date-hint">Choose the day from the calendar. Where the box is plain text, type year-month-day, like 2026-05-17.</p>',
    );
    expect(html).toContain('<summary>How to format the text (Markdown)</summary>');
    expect(html).toMatch(/name="status" value="draft" checked/);
    expect(html).not.toContain('name="link"');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('htmx');
  });

  it('shows a project’s link and picture fields, and numbers a new issue after the last', async () => {
    const showcase = await siteOwner('showcase');
    const project = await (
      await get(`/sites/${showcase.site.name}/items/new?kind=entry`, { cookie: showcase.cookie })
    ).text();
    expect(project).toContain('<h1>New project</h1>');
    expect(project).toContain('name="link"');
    expect(project).toContain('name="imageUrl"');
    expect(project).toContain('name="imageAlt"');
    expect(project).not.toContain('name="number"');

    const newsletter = await siteOwner('newsletter');
    await createViaForm(newsletter, { title: 'Issue one', number: '1' });
    await createViaForm(newsletter, { title: 'Issue four', number: '4' });
    const issue = await (
      await get(`/sites/${newsletter.site.name}/items/new?kind=entry`, {
        cookie: newsletter.cookie,
      })
    ).text();
    expect(issue).toMatch(/name="number"[^>]*value="5"/);
    const page = await (
      await get(`/sites/${newsletter.site.name}/items/new?kind=page`, {
        cookie: newsletter.cookie,
      })
    ).text();
    expect(page).toContain('<h1>New page</h1>');
    expect(page).not.toContain('name="number"');
  });

  it('is a 404 for an unknown kind and for anyone but the owner', async () => {
    const owner = await siteOwner();
    const other = await signIn({}, 'admin');
    const path = `/sites/${owner.site.name}/items/new?kind=entry`;
    expect((await get(path, { cookie: other.cookie })).status).toBe(404);
    const odd = `/sites/${owner.site.name}/items/new?kind=secret`;
    expect((await get(odd, { cookie: owner.cookie })).status).toBe(404);
  });
});

describe('POST /sites/:name/items', () => {
  it('creates a draft post with a slug made from its title, then opens it (303)', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { title: 'Crème brûlée, at last!' });
    expect(item).toMatchObject({
      kind: 'entry',
      title: 'Crème brûlée, at last!',
      slug: 'creme-brulee-at-last',
      date: '2026-05-10',
      tags: ['garden', 'food'],
      summary: 'What grew this year.',
      body: 'Six plants, **two** survived.',
      status: 'draft',
      version: 1,
    });
    const page = await get(`/sites/${owner.site.name}/items/${item.id}?saved`, {
      cookie: owner.cookie,
    });
    expect(await page.text()).toContain('<p class="notice saved" role="status">Saved.</p>');
  });

  it('creates a page with the slug typed, and lists it among pages', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { kind: 'page', title: 'About', slug: 'about-me' });
    expect(item).toMatchObject({ kind: 'page', slug: 'about-me' });
    const { pages, entries } = await listItems(db, owner.site.name);
    expect(pages.map((p) => p.id)).toEqual([item.id]);
    expect(entries).toEqual([]);
  });

  it('with htmx, sends the browser to the new item instead of a redirect it would follow', async () => {
    const owner = await siteOwner();
    const res = await postForm(`/sites/${owner.site.name}/items`, newItemForm(owner), {
      cookie: owner.cookie,
      ...HTMX,
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('hx-redirect')).toMatch(
      new RegExp(`^/sites/${owner.site.name}/items/[0-9a-f-]{36}\\?saved$`),
    );
  });

  it('refuses a slug another item of the site has, keeping everything typed', async () => {
    const owner = await siteOwner();
    await createViaForm(owner, { title: 'First', slug: 'hello' });
    const res = await postForm(
      `/sites/${owner.site.name}/items`,
      newItemForm(owner, { title: 'Second', slug: 'hello', body: 'Keep this text.' }),
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(
      'id="slug-error" role="alert">Another item of this site already uses “hello”. Choose another address.</p>',
    );
    expect(html).toContain('>Keep this text.</textarea>');
    expect(html).toMatch(/name="title"[^>]*value="Second"/);
    expect((await listItems(db, owner.site.name)).entries).toHaveLength(1);
  });

  it('refuses a page at an address every site uses for itself', async () => {
    const owner = await siteOwner();
    const res = await postForm(
      `/sites/${owner.site.name}/items`,
      newItemForm(owner, { kind: 'page', title: 'Feed', slug: '' }),
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      '“feed” is used by every site for its own pages; choose another address.',
    );
  });

  it('needs the CSRF token, and changes nothing without it', async () => {
    const owner = await siteOwner();
    const { _csrf: _, ...form } = newItemForm(owner);
    const res = await postForm(`/sites/${owner.site.name}/items`, form, { cookie: owner.cookie });
    expect(res.status).toBe(403);
    expect((await listItems(db, owner.site.name)).entries).toEqual([]);
  });

  it('is a 404 for another member and an admin, and writes nothing', async () => {
    const owner = await siteOwner();
    for (const as of [await signIn({}, 'member'), await signIn({}, 'admin')]) {
      const res = await postForm(`/sites/${owner.site.name}/items`, newItemForm(as), {
        cookie: as.cookie,
      });
      expect(res.status).toBe(404);
    }
    expect((await listItems(db, owner.site.name)).entries).toEqual([]);
  });
});
