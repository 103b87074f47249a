/**
 * The item form's rules: each limit and malformed value named next to its
 * field with everything typed kept (an oversized text included), pictures
 * without a description saved with a warning that names them, extra fields
 * only where the template has them, and the inline check htmx uses as
 * fields change.
 */
import { describe, expect, it } from 'vitest';
import { getItem, listItems } from '../../edge/db/items';
import { createViaForm, editForm, escaped, HTMX, newItemForm, siteOwner } from './item-support';
import { db, get, postForm, signIn } from './support';

const create = (owner: Awaited<ReturnType<typeof siteOwner>>, changes: Record<string, string>) =>
  postForm(`/sites/${owner.site.name}/items`, newItemForm(owner, changes), {
    cookie: owner.cookie,
  });

describe('POST /sites/:name/items (rules)', () => {
  it('names each problem next to its field and keeps every character typed', async () => {
    const owner = await siteOwner();
    const res = await create(owner, {
      title: '',
      slug: 'Not A Slug!',
      date: '2026-02-30',
      tags: Array.from({ length: 11 }, (_, i) => `tag${i}`).join(', '),
      summary: 's'.repeat(501),
      body: 'Kept <exactly> as typed & all.',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="title-error" role="alert">Give it a title.</p>');
    expect(html).toContain(
      'id="slug-error" role="alert">Use lower-case letters, digits and single hyphens, like my-first-post.</p>',
    );
    expect(html).toContain('id="date-error" role="alert">That date does not exist.</p>');
    expect(html).toContain('id="tags-error" role="alert">Use at most 10 tags.</p>');
    expect(html).toContain(
      'id="summary-error" role="alert">Keep the summary under 500 characters.</p>',
    );
    expect(html).toContain('5 things need fixing');
    expect(html).toMatch(/name="slug"[^>]*value="Not A Slug!"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/name="date"[^>]*type="date" value="2026-02-30"/);
    expect(html).toContain(`>${'s'.repeat(501)}</textarea>`);
    expect(html).toContain(`>${escaped('Kept <exactly> as typed & all.')}</textarea>`);
    expect((await listItems(db, owner.site.name)).entries).toEqual([]);
  });

  it('explains a malformed date typed by hand', async () => {
    const owner = await siteOwner();
    const res = await create(owner, { date: '10/05/2026' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      'id="date-error" role="alert">Enter a date like 2026-05-17.</p>',
    );
  });

  it('refuses a 150,000-character text with the limit named, and gives all of it back', async () => {
    const owner = await siteOwner();
    const body = `${'Long story. '.repeat(12_500)}THE END`;
    expect(body.length).toBeGreaterThan(150_000);
    const res = await create(owner, { body });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(
      'id="body-error" role="alert">Keep the text under 100,000 characters.</p>',
    );
    expect(html).toContain(`>${body}</textarea>`);
  });

  it('saves a text of exactly 100,000 characters', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { body: 'x'.repeat(100_000) });
    expect(item.body).toHaveLength(100_000);
  });

  it('normalises tags and drops repeats', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { tags: ' Garden , Old Roses,garden,, ' });
    expect(item.tags).toEqual(['garden', 'old-roses']);
  });

  it('says when a title has nothing to make an address from', async () => {
    const owner = await siteOwner();
    const res = await create(owner, { title: '🌻🌻', slug: '' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      'The title has no letters or digits to make an address from; type one here.',
    );
  });

  it('keeps a project’s link and picture, refusing a link that is not a web address', async () => {
    const owner = await siteOwner('showcase');
    const bad = await create(owner, { link: 'javascript:alert(1)', imageUrl: 'ftp://x.example/a' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain(
      'id="link-error" role="alert">Web addresses must start with https://</p>',
    );
    expect(html).toContain(
      'id="imageUrl-error" role="alert">Choose one of the site’s pictures (like picture:sungold) or enter a web address starting with https://</p>',
    );
    const item = await createViaForm(owner, {
      link: 'https://code.example/bench',
      imageUrl: 'https://img.example/bench.jpg',
      imageAlt: 'A bench made of old doors',
    });
    expect(item).toMatchObject({
      link: 'https://code.example/bench',
      imageUrl: 'https://img.example/bench.jpg',
      imageAlt: 'A bench made of old doors',
    });
  });

  it('takes a project link typed as a bare domain as an https:// address', async () => {
    const owner = await siteOwner('showcase');
    const item = await createViaForm(owner, {
      link: 'code.example/bench',
      imageUrl: 'img.example/bench.jpg',
      imageAlt: 'A bench made of old doors',
    });
    expect(item).toMatchObject({
      link: 'https://code.example/bench',
      imageUrl: 'https://img.example/bench.jpg',
    });
  });

  it('ignores extra fields a template does not have, and numbers issues', async () => {
    const blog = await siteOwner('blog');
    const post = await createViaForm(blog, { link: 'https://sneaky.example', number: '3' });
    expect(post).toMatchObject({ link: '' });
    expect(post.number).toBeUndefined();
    const newsletter = await siteOwner('newsletter');
    const issue = await createViaForm(newsletter, { number: '12' });
    expect(issue.number).toBe(12);
    const res = await create(newsletter, { number: 'twelve' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      'id="number-error" role="alert">Write the issue number in digits, like 12.</p>',
    );
  });
});

describe('pictures without a description', () => {
  it('saves anyway, and the editor names each picture that needs words', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, {
      body: 'Look: ![](https://img.example/cat.jpg)\n\n![A dog](https://img.example/dog.jpg)\n\n`![](https://code.example/not-a-picture.png)`',
    });
    const html = await (
      await get(`/sites/${owner.site.name}/items/${item.id}`, { cookie: owner.cookie })
    ).text();
    expect(html).toContain('id="body-warning" role="status">');
    expect(html).toContain('The picture “https://img.example/cat.jpg” has no description');
    expect(html).not.toContain('“https://img.example/dog.jpg”');
    expect(html).not.toContain('“https://code.example/not-a-picture.png”');
    expect(html).toMatch(/aria-describedby="body-hint body-warning"/);
  });

  it('warns about a project picture without a description', async () => {
    const owner = await siteOwner('showcase');
    const item = await createViaForm(owner, {
      imageUrl: 'https://img.example/kiln.jpg',
      imageAlt: '',
    });
    const html = await (
      await get(`/sites/${owner.site.name}/items/${item.id}`, { cookie: owner.cookie })
    ).text();
    expect(html).toContain(
      'id="imageAlt-warning" role="status"><p>The picture “https://img.example/kiln.jpg” has no description',
    );
  });
});

describe('POST /sites/:name/items/:id/check', () => {
  it('answers one field with its problem, for htmx to swap in as the person types', async () => {
    const owner = await siteOwner();
    const res = await postForm(
      `/sites/${owner.site.name}/items/new/check?field=date`,
      newItemForm(owner, { date: '2026-13-01', title: '' }),
      { cookie: owner.cookie, ...HTMX },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(
      html.startsWith(
        `<div class="field" id="field-date" data-hx-post="/sites/${owner.site.name}/items/new/check?field=date"`,
      ),
    ).toBe(true);
    expect(html).toContain('id="date-error" role="alert">That date does not exist.</p>');
    // Only the field asked about: the empty title is not mentioned here.
    expect(html).not.toContain('Give it a title.');
  });

  it('says when the slug (typed, or made from the title) is taken, but not by the item itself', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { title: 'Hello street' });
    const check = (path: string, form: Record<string, string>) =>
      postForm(`${path}?field=slug`, form, { cookie: owner.cookie, ...HTMX }).then((r) => r.text());
    const fresh = await check(
      `/sites/${owner.site.name}/items/new/check`,
      newItemForm(owner, { title: 'Hello, Street!', slug: '' }),
    );
    expect(fresh).toContain('Another item of this site already uses “hello-street”.');
    const own = await check(
      `/sites/${owner.site.name}/items/${item.id}/check`,
      editForm(owner, item),
    );
    expect(own).not.toContain('slug-error');
    const free = await check(
      `/sites/${owner.site.name}/items/new/check`,
      newItemForm(owner, { slug: 'something-else' }),
    );
    expect(free).not.toContain('slug-error');
  });

  it('shows a picture warning as the text changes', async () => {
    const owner = await siteOwner();
    const res = await postForm(
      `/sites/${owner.site.name}/items/new/check?field=body`,
      newItemForm(owner, { body: '![](https://img.example/x.png)' }),
      { cookie: owner.cookie, ...HTMX },
    );
    expect(await res.text()).toContain(
      'The picture “https://img.example/x.png” has no description',
    );
  });

  it('is a 404 for an unknown field, another owner’s site, and needs the CSRF token', async () => {
    const owner = await siteOwner();
    const path = `/sites/${owner.site.name}/items/new/check`;
    const unknown = await postForm(`${path}?field=version`, newItemForm(owner), {
      cookie: owner.cookie,
    });
    expect(unknown.status).toBe(404);
    const other = await signIn({}, 'member');
    const foreign = await postForm(`${path}?field=title`, newItemForm(other), {
      cookie: other.cookie,
    });
    expect(foreign.status).toBe(404);
    const { _csrf: _, ...form } = newItemForm(owner);
    const forged = await postForm(`${path}?field=title`, form, { cookie: owner.cookie });
    expect(forged.status).toBe(403);
  });
});

describe('POST /sites/:name/items/:id (rules)', () => {
  it('refuses a bad save with the problem named and the version kept, changing nothing', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const res = await postForm(
      `/sites/${owner.site.name}/items/${item.id}`,
      editForm(owner, item, { title: 't'.repeat(201), body: 'Edited but refused' }),
      { cookie: owner.cookie, ...HTMX },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html.startsWith('<div id="editor">')).toBe(true);
    expect(html).toContain('Keep the title under 200 characters.');
    expect(html).toContain('name="version" value="1"');
    expect(html).toContain('>Edited but refused</textarea>');
    expect(await getItem(db, owner.site.name, item.id)).toEqual(item);
  });
});
