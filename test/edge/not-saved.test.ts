/**
 * "Not saved", with every character kept: when the storage refuses a save,
 * the site settings, the profile and the neighborhood's settings come back
 * as they were sent (503), each field as typed, with the message above the
 * form, and nothing is stored. The failures are real DynamoDB refusals: a
 * table that refuses a `location` stored as text (`refusing-table.ts`), and
 * a site whose record has grown to DynamoDB's 400 KB item limit, so any
 * save that adds to it is refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listInvitations } from '../../edge/db/invitations';
import { getMember } from '../../edge/db/members';
import { getNeighborhood } from '../../edge/db/neighborhood';
import { createSite, getSite } from '../../edge/db/sites';
import type { Dynamo } from '../../edge/db/dynamo';
import { profilePath, settingsPath } from '../../core/paths';
import { itemKey, siteRecord, type Site } from '../../core/records/sites';
import { getItem } from '../../edge/db/items';
import { newsletter } from '../../templates/newsletter/template';
import { defaultSettings } from '../../templates/settings';
import { escaped, HTMX } from './item-support';
import { fillToItemLimit, tableRefusingText, type RefusingTable } from './refusing-table';
import { signIn, type SignedIn } from './support';

const MESSAGE =
  'Not saved: the neighborhood’s storage did not answer. Nothing you typed is lost; try again.';

/** Text that breaks naive escaping or encoding, on several lines. */
const tricky = (what: string) => `${what} <b>&amp;</b> "quoted" 'single' 🌻 é`;
const lines = (what: string) => `${tricky(what)}\nsecond line\n\n  indented & last`;

const escapedRe = (text: string) => escaped(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The page shows `value` in the text input called `name`. */
function expectInput(html: string, name: string, value: string) {
  expect(html).toMatch(new RegExp(`name="${name}"[^>]*value="${escapedRe(value)}"`));
}

/** The page shows `value` in the text area called `name`. */
function expectTextArea(html: string, name: string, value: string) {
  expect(html).toMatch(new RegExp(`name="${name}"[^>]*>${escapedRe(value)}</textarea>`));
}

/** Each of `fields` shows as typed: in its text area if `areas` names it, else in its input. */
function expectTyped(html: string, fields: Record<string, string>, areas: string[] = []) {
  for (const [name, value] of Object.entries(fields))
    (areas.includes(name) ? expectTextArea : expectInput)(html, name, value);
}

/** The answer is the form again: 503, with `message` above it. Returns its HTML. */
async function formAgain(res: Response, message = MESSAGE): Promise<string> {
  expect(res.status).toBe(503);
  const html = await res.text();
  expect(html).toContain(message);
  return html;
}

/** A newsletter whose record is at DynamoDB's item limit: a settings save that adds to it is refused. */
async function siteAtItemLimit(db: Dynamo, ownerDid: string): Promise<Site> {
  const site = await createSite(
    db,
    {
      name: `full-x${crypto.randomUUID().slice(0, 7)}`,
      ownerDid,
      template: 'newsletter',
      settings: defaultSettings(newsletter.settings),
    },
    5,
  );
  await fillToItemLimit(db, siteRecord(site));
  return site;
}

let storage: RefusingTable;

beforeAll(async () => {
  storage = await tableRefusingText('location');
});

describe('POST /sites/:name/settings when the storage refuses the save', () => {
  let owner: SignedIn;
  let site: Site;
  const texts = {
    title: tricky('Title'),
    tagline: tricky('Tagline'),
    author: tricky('Author'),
    'navLinks-1-label': tricky('Menu'),
    'navLinks-1-url': 'https://example.com/a?b=1&c="2"',
    'navLinks-2-label': '',
    'navLinks-2-url': '',
    subscribeText: `${lines('Subscribe')}\n${'Write to me. '.repeat(50)}`,
    subscribeUrl: 'https://example.com/subscribe?x=<1>&y=2',
  };
  const choices = {
    'accent-picker': '#aa3366',
    accent: '#aa3366',
    'accent-was': '#1a6b4f',
    font: 'serif',
  };

  beforeAll(async () => {
    owner = await signIn({}, 'member', storage.db);
    site = await siteAtItemLimit(storage.db, owner.member.did);
  });

  const save = (headers: Record<string, string> = {}) =>
    storage.post(
      settingsPath(site.name),
      { _csrf: owner.csrf, version: String(site.version), ...texts, ...choices },
      { cookie: owner.cookie, ...headers },
    );

  function expectKept(html: string) {
    expectTyped(html, texts, ['subscribeText']);
    expect(html).toMatch(/name="accent"[^>]*value="#aa3366"/);
    expect(html).toMatch(/name="font"[^>]*value="serif"[^>]*checked/);
    expect(html).toContain(`name="version" value="${site.version}"`);
  }

  it('comes back as a page with every field as typed, and stores nothing', async () => {
    const html = await formAgain(await save());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expectKept(html);
    const stored = await getSite(storage.db, site.name);
    expect(stored?.version).toBe(site.version);
    expect(stored?.settings.title).toBe(site.settings.title);
  });

  it('comes back as the htmx fragment, every field as typed', async () => {
    const html = await formAgain(await save(HTMX));
    expect(html.startsWith('<div id="settings">')).toBe(true);
    expectKept(html);
  });
});

describe('POST /members/:id/edit when the storage refuses the save', () => {
  it('comes back with every field as typed, and stores nothing', async () => {
    const me = await signIn({}, 'member', storage.db);
    const texts = {
      name: tricky('Name'),
      bio: lines('Bio'),
      location: tricky('The blue house'),
      link1Label: tricky('Blog'),
      link1Url: 'https://example.com/?a=1&b=<2>',
      link2Label: '',
      link2Url: '',
    };
    const res = await storage.post(
      `${profilePath(me.member)}/edit`,
      { _csrf: me.csrf, version: String(me.member.version), ...texts, listed: 'on' },
      { cookie: me.cookie },
    );
    const html = await formAgain(res);
    expectTyped(html, texts, ['bio']);
    expect(html).toMatch(/name="listed"[^>]*checked/);
    expect(html).toContain(`name="version" value="${me.member.version}"`);
    expect((await getMember(storage.db, me.member.did))?.name).toBeUndefined();
  });
});

describe('POST /admin/settings when the storage refuses the save', () => {
  it('comes back with every field as typed, and stores nothing', async () => {
    const admin = await signIn({}, 'admin', storage.db);
    const before = await getNeighborhood(storage.db);
    const texts = {
      name: tricky('Oak'),
      description: tricky('Description'),
      welcome: lines('Welcome'),
      location: tricky('Between 3rd & 5th'),
      siteLimit: '7',
    };
    const choices = { directoryVisibility: 'members', joinPolicy: 'invitation' };
    const res = await storage.post(
      '/admin/settings',
      { _csrf: admin.csrf, version: String(before.version), ...texts, ...choices },
      { cookie: admin.cookie },
    );
    const html = await formAgain(res);
    expectTyped(html, texts, ['welcome']);
    expect(html).toMatch(/<option value="members" selected="">/);
    expect(html).toMatch(/<option value="invitation" selected="">/);
    expect(await getNeighborhood(storage.db)).toEqual(before);
  });
});

describe('POST /sites/:name/items/:id/delete when the storage refuses it', () => {
  it('answers a friendly 503 page that names the storage, and the item stays where it was', async () => {
    const owner = await signIn({}, 'member', storage.db);
    const site = await siteAtItemLimit(storage.db, owner.member.did);
    const id = crypto.randomUUID();
    const item = {
      id,
      site: site.name,
      kind: 'entry',
      title: 'Kept',
      slug: 'kept',
      date: '2026-05-01',
      tags: [],
      summary: '',
      body: 'Body',
      status: 'draft',
      createdAt: '2026-05-01T00:00:00.000Z',
      updatedAt: '2026-05-01T00:00:00.000Z',
      version: 1,
    };
    // Moving it to the trash adds to it, which an item at the limit cannot take.
    await fillToItemLimit(storage.db, { ...itemKey(site.name, id), ...item });
    const res = await storage.post(
      `/sites/${site.name}/items/${id}/delete`,
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('The neighborhood’s storage did not answer');
    expect(html).toContain('may not have been done');
    expect(await getItem(storage.db, site.name, id)).toMatchObject({ version: 1 });
    expect((await getItem(storage.db, site.name, id))?.deletedAt).toBeUndefined();
  });
});

describe('the other forms with typed text, when the storage refuses the save', () => {
  let others: RefusingTable;

  beforeAll(async () => {
    // Sites store their `template`, links their `note`, answers their `decisionMessage`.
    others = await tableRefusingText('template', 'note', 'decisionMessage');
  });

  it('POST /sites keeps the name and the template as chosen', async () => {
    const me = await signIn({}, 'member', others.db);
    const name = `kept-x${crypto.randomUUID().slice(0, 7)}`;
    const res = await others.post(
      '/sites',
      { _csrf: me.csrf, template: 'showcase', name },
      { cookie: me.cookie },
    );
    const html = await formAgain(res);
    expectInput(html, 'name', name);
    expect(html).toMatch(/name="template"[^>]*value="showcase"[^>]*checked/);
    expect(await getSite(others.db, name)).toBeUndefined();
  });

  it('POST /admin/invitations keeps the note, the days and the uses', async () => {
    const admin = await signIn({}, 'admin', others.db);
    const typed = { validDays: '30', maxUses: '3', note: tricky('For the new neighbors') };
    const res = await others.post(
      '/admin/invitations',
      { _csrf: admin.csrf, ...typed },
      { cookie: admin.cookie },
    );
    expectTyped(await formAgain(res), typed);
    expect((await listInvitations(others.db)).items).toEqual([]);
  });

  it('POST /admin/requests/:did/approve keeps the message in its form', async () => {
    const admin = await signIn({}, 'admin', others.db);
    const asking = await signIn({}, 'pending', others.db);
    const message = tricky('Welcome to the street');
    const res = await others.post(
      `/admin/requests/${encodeURIComponent(asking.member.did)}/approve`,
      { _csrf: admin.csrf, message },
      { cookie: admin.cookie },
    );
    expectInput(await formAgain(res), 'message', message);
    expect((await getMember(others.db, asking.member.did))?.status).toBe('pending');
  });
});

describe('POST /login when the storage refuses to remember the sign-in', () => {
  it('keeps the handle in the form and blames the storage, not the Bluesky server', async () => {
    // The library stores a pending sign-in as a text `value` before sending anyone to the PDS.
    const refusing = await tableRefusingText('value');
    const front = await refusing.get('/');
    const cookie = (front.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await front.text())?.[1] ?? '';
    const res = await refusing.post('/login', { _csrf: csrf, handle: 'alice.test' }, { cookie });
    const html = await formAgain(res, 'Not signed in: the neighborhood’s storage did not answer.');
    expectInput(html, 'handle', 'alice.test');
  });
});
