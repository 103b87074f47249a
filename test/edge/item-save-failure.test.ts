/**
 * A save the database refuses loses nothing: the form comes back with every
 * character typed and says it was not saved. The failure is real: the
 * Worker runs against a table of its own in the same dynalite that refuses
 * every item write storing a title as text (`refusing-table.ts`), while
 * reads (session, site) still work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { itemKey, slugKey } from '../../core/records/sites';
import { createSite } from '../../edge/db/sites';
import { defaultSettings } from '../../templates/settings';
import { blog } from '../../templates/blog/template';
import { escaped, HTMX, newItemForm } from './item-support';
import { tableRefusingText, type RefusingTable } from './refusing-table';
import { signIn } from './support';

let storage: RefusingTable;
let cookie = '';
let csrf = '';
const site = 'refusing-site';

beforeAll(async () => {
  storage = await tableRefusingText('title');
  const who = await signIn({ displayName: 'Refused' }, 'member', storage.db);
  cookie = who.cookie;
  csrf = who.csrf;
  await createSite(
    storage.db,
    {
      name: site,
      ownerDid: who.member.did,
      template: 'blog',
      settings: defaultSettings(blog.settings),
    },
    5,
  );
});

const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  storage.post(path, form, { cookie, ...headers });

describe('POST /sites/:name/items when the database refuses the write', () => {
  it('comes back with every character typed, says it was not saved, and frees the slug', async () => {
    const body = `A draft I would hate to lose: <é & 🌻>\n${'words '.repeat(5000)}`;
    const res = await post(
      `/sites/${site}/items`,
      newItemForm({ csrf }, { title: 'Precious', body }),
    );
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('Not saved: the neighborhood’s storage did not answer.');
    expect(html).toContain(`>${escaped(body)}</textarea>`);
    expect(html).toMatch(/name="title"[^>]*value="Precious"/);
    expect(await storage.db.get(slugKey(site, 'precious'))).toBeUndefined();
  });

  it('answers the same as a fragment for htmx', async () => {
    const res = await post(`/sites/${site}/items`, newItemForm({ csrf }, { body: 'Kept.' }), HTMX);
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html.startsWith('<div id="editor">')).toBe(true);
    expect(html).toContain('Not saved');
    expect(html).toContain('>Kept.</textarea>');
  });
});

describe('POST /sites/:name/items/:id when the database refuses the write', () => {
  it('keeps the edit in the form and says it was not saved', async () => {
    const id = crypto.randomUUID();
    // An item stored before the write rule bit: its title is the number the index wants.
    await storage.db.put({
      ...itemKey(site, id),
      id,
      site,
      kind: 'entry',
      title: 1,
      slug: 'one',
      date: '2026-05-01',
      tags: [],
      summary: '',
      body: 'Old',
      status: 'draft',
      link: '',
      imageUrl: '',
      imageAlt: '',
      createdAt: '2026-05-01T00:00:00.000Z',
      updatedAt: '2026-05-01T00:00:00.000Z',
      version: 1,
    });
    const res = await post(`/sites/${site}/items/${id}`, {
      ...newItemForm({ csrf }, { title: 'Renamed', slug: 'one', body: 'An edit worth keeping.' }),
      version: '1',
    });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('Not saved: the neighborhood’s storage did not answer.');
    expect(html).toContain('>An edit worth keeping.</textarea>');
    expect(html).toContain('name="version" value="1"');
  });
});
