/**
 * A free page's place in the site menu, set in its editor: the box that
 * leaves it out and the number for its place are stored with the page's
 * other fields, by the same version-checked save; a place that is not a
 * number from 1 to 99 comes back as typed with the problem named; a save
 * from a stale tab changes nothing. Entries have no menu fields.
 */
import { describe, expect, it } from 'vitest';
import { getItem } from '../../edge/db/items';
import { createViaForm, editForm, escaped, siteOwner } from './item-support';
import { db, get, postForm } from './support';

const aboutPage = { kind: 'page', title: 'About', slug: 'about', status: 'ready' };

describe('POST /sites/:name/items/:id (a page’s place in the site menu)', () => {
  it('keeps a page in the menu unless the box is ticked, and stores its place', async () => {
    const owner = await siteOwner();
    const page = await createViaForm(owner, aboutPage);
    expect(page.inMenu).toBe(true);
    expect(page.menuOrder).toBeUndefined();
    const path = `/sites/${owner.site.name}/items/${page.id}`;
    const out = await postForm(path, editForm(owner, page, { menu: 'out', menuOrder: '3' }), {
      cookie: owner.cookie,
    });
    expect(out.status).toBe(303);
    const hidden = (await getItem(db, owner.site.name, page.id))!;
    expect(hidden).toMatchObject({ inMenu: false, menuOrder: 3, version: 2 });
    // The editor shows what is stored: the box ticked, the place filled in.
    const html = await (await get(path, { cookie: owner.cookie })).text();
    expect(html).toMatch(/<input type="checkbox" id="menu" name="menu" value="out" checked/);
    expect(html).toMatch(/name="menuOrder" type="number" value="3"/);
    // Unticking (the box posts nothing) and emptying the place put it back in date order.
    const back = editForm(owner, hidden, { menuOrder: '' });
    delete back.menu;
    expect((await postForm(path, back, { cookie: owner.cookie })).status).toBe(303);
    const listed = (await getItem(db, owner.site.name, page.id))!;
    expect(listed).toMatchObject({ inMenu: true, version: 3 });
    expect(listed.menuOrder).toBeUndefined();
  });

  it('refuses a place that is not a number from 1 to 99, keeping what was typed', async () => {
    const owner = await siteOwner();
    const page = await createViaForm(owner, aboutPage);
    const path = `/sites/${owner.site.name}/items/${page.id}`;
    for (const [typed, problem] of [
      ['first', 'Write the place in digits, like 1 for the first; or leave it empty.'],
      ['0', 'Places in the menu start at 1.'],
      ['100', 'Use a place from 1 to 99.'],
    ] as const) {
      const res = await postForm(
        path,
        editForm(owner, page, { menu: 'out', menuOrder: typed, title: 'About us' }),
        { cookie: owner.cookie },
      );
      expect(res.status, typed).toBe(400);
      const html = await res.text();
      expect(html).toContain(escaped(problem));
      expect(html).toMatch(new RegExp(`name="menuOrder" type="number" value="${typed}"`));
      expect(html).toMatch(/name="menu" value="out" checked/);
      expect(html).toContain('value="About us"');
    }
    expect(await getItem(db, owner.site.name, page.id)).toMatchObject({
      title: 'About',
      inMenu: true,
      version: 1,
    });
  });

  it('changes nothing when another tab saved first', async () => {
    const owner = await siteOwner();
    const page = await createViaForm(owner, aboutPage);
    const path = `/sites/${owner.site.name}/items/${page.id}`;
    const first = await postForm(path, editForm(owner, page, { menuOrder: '1' }), {
      cookie: owner.cookie,
    });
    expect(first.status).toBe(303);
    const stale = await postForm(path, editForm(owner, page, { menu: 'out', menuOrder: '5' }), {
      cookie: owner.cookie,
    });
    expect(stale.status).toBe(409);
    expect(await getItem(db, owner.site.name, page.id)).toMatchObject({
      inMenu: true,
      menuOrder: 1,
      version: 2,
    });
  });

  it('gives entries no menu fields', async () => {
    const owner = await siteOwner();
    const html = await (
      await get(`/sites/${owner.site.name}/items/new?kind=entry`, { cookie: owner.cookie })
    ).text();
    expect(html).not.toContain('name="menuOrder"');
    const page = await (
      await get(`/sites/${owner.site.name}/items/new?kind=page`, { cookie: owner.cookie })
    ).text();
    expect(page).toContain('<legend>Site menu</legend>');
  });
});
