/**
 * Deleting a site from its settings: the settings page leads to a
 * confirmation where the owner types the site's name; a wrong or missing
 * name comes back with what was typed and the problem named; the right one
 * deletes the site and goes back to the sites list naming it, its name
 * free for anyone; a big site carries on from a "Carry on deleting" page;
 * anyone else gets 404, and the form needs its CSRF token.
 */
import { describe, expect, it } from 'vitest';
import { marshalItem } from '../../core/records/marshal';
import { siteCountKey, sitePartition } from '../../core/records/sites';
import { firstFreeName, getSite } from '../../edge/db/sites';
import { createTestSite } from './site-support';
import { db, get, postForm, signIn } from './support';

const deletePath = (name: string) => `/sites/${name}/delete`;

async function ownerWithSite() {
  const owner = await signIn({}, 'member');
  const site = await createTestSite(owner.member.did);
  return { owner, site };
}

/** Fills the site's partition with `count` bare items, 25 to a batch, as a big site would. */
async function fill(name: string, count: number) {
  for (let i = 0; i < count; i += 25) {
    const puts = Array.from({ length: Math.min(25, count - i) }, (_, j) => ({
      PutRequest: {
        Item: marshalItem({ pk: sitePartition(name), sk: `ITEM#filler-${i + j}`, kind: 'entry' }),
      },
    }));
    await db.call('BatchWriteItem', { RequestItems: { [db.table]: puts } });
  }
}

describe('GET /sites/:name/delete', () => {
  it('is linked from the settings page and asks for the name', async () => {
    const { owner, site } = await ownerWithSite();
    const settings = await (
      await get(`/sites/${site.name}/settings`, { cookie: owner.cookie })
    ).text();
    expect(settings).toContain(`href="${deletePath(site.name)}"`);
    const res = await get(deletePath(site.name), { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`action="${deletePath(site.name)}"`);
    expect(html).toContain(`name="_csrf" value="${owner.csrf}"`);
  });

  it('is a 404 for anyone but the owner, and for a name nobody holds', async () => {
    const { site } = await ownerWithSite();
    const other = await signIn({}, 'member');
    expect((await get(deletePath(site.name), { cookie: other.cookie })).status).toBe(404);
    expect((await get(deletePath('nobody-has-this'), { cookie: other.cookie })).status).toBe(404);
  });
});

describe('POST /sites/:name/delete', () => {
  it('keeps a wrong name with the problem named, and deletes nothing', async () => {
    const { owner, site } = await ownerWithSite();
    const res = await postForm(
      deletePath(site.name),
      { _csrf: owner.csrf, confirm: 'not-the-name' },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="not-the-name"');
    expect(html).toContain('That is not the site’s name');
    const empty = await postForm(
      deletePath(site.name),
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(`Type the site’s name, ${site.name}`);
    expect(await getSite(db, site.name)).toBeDefined();
  });

  it('deletes the site, names it on the sites list and frees the name and the slot', async () => {
    const { owner, site } = await ownerWithSite();
    const res = await postForm(
      deletePath(site.name),
      { _csrf: owner.csrf, confirm: ` ${site.name.toUpperCase()} ` },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(303);
    const list = res.headers.get('location')!;
    expect(list).toBe(`/sites?deleted=${site.name}`);
    const page = await (await get(list, { cookie: owner.cookie })).text();
    expect(page).toContain(`Your site “${site.name}” is deleted`);
    expect(await getSite(db, site.name)).toBeUndefined();
    expect(await firstFreeName(db, [site.name])).toBe(site.name);
    expect((await db.get<{ count: number }>(siteCountKey(owner.member.did)))?.count).toBe(0);
    expect((await get(`/sites/${site.name}`, { cookie: owner.cookie })).status).toBe(404);
  });

  it('carries on deleting a big site until it is gone', async () => {
    const { owner, site } = await ownerWithSite();
    await fill(site.name, 700);
    const form = { _csrf: owner.csrf, confirm: site.name };
    const first = await postForm(deletePath(site.name), form, { cookie: owner.cookie });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Carry on deleting');
    expect(await getSite(db, site.name)).toBeUndefined();
    let res = first;
    for (let go = 0; go < 10 && res.status === 200; go++) {
      res = await postForm(deletePath(site.name), form, { cookie: owner.cookie });
    }
    expect(res.status).toBe(303);
    expect(await db.get({ pk: sitePartition(site.name), sk: 'SITE' })).toBeUndefined();
    expect(await firstFreeName(db, [site.name])).toBe(site.name);
  });

  it('is a 404 for anyone but the owner, even with the right name', async () => {
    const { site } = await ownerWithSite();
    const other = await signIn({}, 'member');
    const res = await postForm(
      deletePath(site.name),
      { _csrf: other.csrf, confirm: site.name },
      { cookie: other.cookie },
    );
    expect(res.status).toBe(404);
    expect(await getSite(db, site.name)).toBeDefined();
  });

  it('needs the CSRF token', async () => {
    const { owner, site } = await ownerWithSite();
    const res = await postForm(
      deletePath(site.name),
      { _csrf: 'forged', confirm: site.name },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(403);
    expect(await getSite(db, site.name)).toBeDefined();
  });
});
