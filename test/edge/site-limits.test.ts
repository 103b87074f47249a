/**
 * What a member meets at a site's bounds, in workerd against the real
 * table: a new item past the last that fits, and a text that would take the
 * site past its bytes, come back in the editor with the problem named and
 * every character kept; a preview page too large for the builder to send
 * back is named, with its size, the limit and the way back.
 */
import { describe, expect, inject, it } from 'vitest';
import { app } from '../../edge/app';
import { itemRecord, type SiteItem } from '../../core/records/sites';
import { siteLimits } from '../../core/site-limits';
import { createItem, getItem, listItems } from '../../edge/db/items';
import { itemContent } from '../support/item-content';
import { editForm, escaped, HTMX, newItemForm, siteOwner, type Owner } from './item-support';
import { bindings, db, ORIGIN, postForm } from './support';

/** `count` items written straight to the table (faster than the form, and the same records). */
async function fill(owner: Owner, count: number, body = 'Short.') {
  const at = new Date().toISOString();
  const records = Array.from({ length: count }, (_, i): SiteItem => ({
    ...itemContent({ title: `Note ${i}`, slug: `note-${i}`, body }),
    id: `note-${i}`,
    site: owner.site.name,
    createdAt: at,
    updatedAt: at,
    version: 1,
  }));
  for (let i = 0; i < records.length; i += 50) {
    await Promise.all(records.slice(i, i + 50).map((r) => db.put(itemRecord(r))));
  }
}

describe('POST /sites/:name/items at the site’s bounds', () => {
  it('refuses the item after the last that fits, naming the limit and keeping the text', async () => {
    const owner = await siteOwner();
    await fill(owner, siteLimits.items);
    const body = 'The one that did not fit <3';
    const res = await postForm(`/sites/${owner.site.name}/items`, newItemForm(owner, { body }), {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('this site already holds 1,000 entries and pages');
    expect(html).toContain('a site can hold at most 1,000');
    expect(html).toContain(`>${escaped(body)}</textarea>`);
    const { entries } = await listItems(db, owner.site.name);
    expect(entries).toHaveLength(siteLimits.items);
  }, 60_000);

  it('refuses a text that would take the site past its bytes, as a page and as a fragment', async () => {
    const owner = await siteOwner();
    await fill(owner, Math.floor(siteLimits.textBytes / 95_020), 'x'.repeat(95_000));
    const mine = await createItem(db, owner.site.name, itemContent({ slug: 'mine' }));
    const body = `Grown: ${'y'.repeat(60_000)}`;
    for (const headers of [{}, HTMX]) {
      const res = await postForm(
        `/sites/${owner.site.name}/items/${mine.id}`,
        editForm(owner, mine, { body }),
        { cookie: owner.cookie, ...headers },
      );
      expect(res.status).toBe(413);
      const html = await res.text();
      expect(html).toContain('a site can hold at most 5 MB of text');
      expect(html).toContain('Everything you typed is still here.');
      expect(html).toContain(`>${body}</textarea>`);
    }
    expect((await getItem(db, owner.site.name, mine.id))?.body).toBe(mine.body);
  }, 60_000);
});

describe('GET /sites/:name/preview/* for a page too large to send', () => {
  it('names the page, its size and the limit, with the way back to the editor', async () => {
    const owner = await siteOwner();
    await createItem(
      db,
      owner.site.name,
      itemContent({ title: 'Big jar', slug: 'big-jar', body: 'Honey. '.repeat(1_000) }),
    );
    const res = await app.request(
      `${ORIGIN}/sites/${owner.site.name}/preview/posts/big-jar/`,
      { headers: { cookie: owner.cookie } },
      { ...bindings, BUILDER_URL: inject('smallBuilderUrl') },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('too big to preview');
    expect(html).toContain('“/posts/big-jar/”');
    expect(html).toContain('up to 2 KB');
    expect(html).toContain(`href="/sites/${owner.site.name}"`);
  });
});
