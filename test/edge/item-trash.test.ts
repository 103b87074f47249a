/**
 * Deleting and restoring: a confirmation page first, then the item goes to
 * the trash (off the dashboard, its slug kept for it), the trash names the
 * day each item will be deleted for good, and restoring brings it back at
 * the same address. Only the owner can do any of it.
 */
import { describe, expect, it } from 'vitest';
import { getItem, listItems } from '../../edge/db/items';
import { createViaForm, newItemForm, siteOwner } from './item-support';
import { db, get, postForm, signIn } from './support';

describe('GET /sites/:name/items/:id/delete', () => {
  it('asks first, saying the item can be restored for 30 days', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { title: 'Old news' });
    const res = await get(`/sites/${owner.site.name}/items/${item.id}/delete`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Move “Old news” to the trash?</h1>');
    expect(html).toContain('You can restore it from the trash for 30 days');
    expect(html).toContain(
      `<form method="post" action="/sites/${owner.site.name}/items/${item.id}/delete"`,
    );
    expect(html).toContain(`name="_csrf" value="${owner.csrf}"`);
    expect((await getItem(db, owner.site.name, item.id))!.deletedAt).toBeUndefined();
  });
});

describe('POST /sites/:name/items/:id/delete', () => {
  it('moves the item to the trash and back to the dashboard (303), keeping its slug', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { title: 'Old news' });
    const res = await postForm(
      `/sites/${owner.site.name}/items/${item.id}/delete`,
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sites/${owner.site.name}?trashed`);
    const { entries, trash } = await listItems(db, owner.site.name);
    expect(entries).toEqual([]);
    expect(trash.map((i) => i.id)).toEqual([item.id]);

    const dashboard = await (
      await get(`/sites/${owner.site.name}?trashed`, { cookie: owner.cookie })
    ).text();
    expect(dashboard).toContain('Moved to the trash.');
    expect(dashboard).not.toContain('Old news');
    expect(dashboard).toContain('Trash (1)');

    const editor = await get(`/sites/${owner.site.name}/items/${item.id}`, {
      cookie: owner.cookie,
    });
    expect(editor.status).toBe(404);
    expect(await editor.text()).toContain('This is in the trash');

    const again = await postForm(
      `/sites/${owner.site.name}/items`,
      newItemForm(owner, { title: 'Old news' }),
      { cookie: owner.cookie },
    );
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(
      'An item in the trash still uses “old-news”. Restore it, or choose another address.',
    );
  });

  it('treats a second delete (another tab, a double press) as done', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const path = `/sites/${owner.site.name}/items/${item.id}/delete`;
    await postForm(path, { _csrf: owner.csrf }, { cookie: owner.cookie });
    const res = await postForm(path, { _csrf: owner.csrf }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect((await getItem(db, owner.site.name, item.id))!.version).toBe(2);
  });

  it('needs the CSRF token, and is a 404 for anyone but the owner', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    const path = `/sites/${owner.site.name}/items/${item.id}/delete`;
    expect((await postForm(path, {}, { cookie: owner.cookie })).status).toBe(403);
    for (const as of [await signIn({}, 'member'), await signIn({}, 'admin')]) {
      expect((await get(path, { cookie: as.cookie })).status).toBe(404);
      expect((await postForm(path, { _csrf: as.csrf }, { cookie: as.cookie })).status).toBe(404);
    }
    expect((await getItem(db, owner.site.name, item.id))!.deletedAt).toBeUndefined();
  });
});

describe('GET /sites/:name/trash', () => {
  it('lists deleted items with the day each will be deleted for good', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { title: 'Regretted' });
    await postForm(
      `/sites/${owner.site.name}/items/${item.id}/delete`,
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    const deletedAt = (await getItem(db, owner.site.name, item.id))!.deletedAt!;
    const purge = new Date(Date.parse(deletedAt) + 30 * 86_400_000);
    const res = await get(`/sites/${owner.site.name}/trash`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<strong>Regretted</strong>');
    const day = purge.toISOString().slice(0, 10);
    expect(html).toMatch(new RegExp(`deleted\\s+for good on <time datetime="${day}`));
    expect(html).toContain(
      `<form method="post" action="/sites/${owner.site.name}/items/${item.id}/restore">`,
    );
  });

  it('is a 404 for another member and an admin', async () => {
    const owner = await siteOwner();
    for (const as of [await signIn({}, 'member'), await signIn({}, 'admin')]) {
      expect((await get(`/sites/${owner.site.name}/trash`, { cookie: as.cookie })).status).toBe(
        404,
      );
    }
  });
});

describe('POST /sites/:name/items/:id/restore', () => {
  it('brings the item back at the same address and opens it (303)', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { title: 'Back again', status: 'ready' });
    await postForm(
      `/sites/${owner.site.name}/items/${item.id}/delete`,
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    const res = await postForm(
      `/sites/${owner.site.name}/items/${item.id}/restore`,
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sites/${owner.site.name}/items/${item.id}?restored`);
    const restored = (await getItem(db, owner.site.name, item.id))!;
    expect(restored).toMatchObject({ slug: 'back-again', status: 'ready', version: 3 });
    expect(restored.deletedAt).toBeUndefined();
    const page = await (
      await get(`/sites/${owner.site.name}/items/${item.id}?restored`, { cookie: owner.cookie })
    ).text();
    expect(page).toContain('Restored from the trash.');
    expect((await listItems(db, owner.site.name)).entries.map((i) => i.id)).toEqual([item.id]);
  });

  it('needs the CSRF token, and is a 404 for anyone but the owner', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner);
    await postForm(
      `/sites/${owner.site.name}/items/${item.id}/delete`,
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    const path = `/sites/${owner.site.name}/items/${item.id}/restore`;
    expect((await postForm(path, {}, { cookie: owner.cookie })).status).toBe(403);
    for (const as of [await signIn({}, 'member'), await signIn({}, 'admin')]) {
      expect((await postForm(path, { _csrf: as.csrf }, { cookie: as.cookie })).status).toBe(404);
    }
    expect((await getItem(db, owner.site.name, item.id))!.deletedAt).toBeDefined();
  });
});
