/**
 * The admin area exists only for admins: everyone else (signed out, a
 * visitor, a pending person, a member) gets the plain 404 page on every
 * admin page and every admin action, and the action changes nothing. For
 * admins every page answers and none may be stored by a cache.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../edge/db/audit';
import { createInvitation, getInvitation, listInvitations } from '../../edge/db/invitations';
import { getMember } from '../../edge/db/members';
import { browser, currentSettings, open, send, settingsForm, type Browser } from './admin-support';
import { db, signIn, type SignedIn } from './support';

let admin: SignedIn;
let pending: SignedIn;
let member: SignedIn;
let code: string;

beforeAll(async () => {
  admin = await signIn({}, 'admin');
  pending = await signIn({}, 'pending');
  member = await signIn({}, 'member');
  code = (
    await createInvitation(db, {
      createdByDid: admin.member.did,
      createdByHandle: admin.member.handle,
      validDays: 7,
      maxUses: 5,
    })
  ).code;
});

const did = (who: SignedIn) => encodeURIComponent(who.member.did);

const pages = () => [
  '/admin',
  '/admin/settings',
  '/admin/requests',
  '/admin/invitations',
  '/admin/members',
  '/admin/audit',
  `/admin/members/${did(member)}/remove`,
  `/admin/members/${did(member)}/promote`,
  `/admin/members/${did(admin)}/demote`,
];

const actions = async (): Promise<[string, Record<string, string>][]> => [
  ['/admin/settings', settingsForm(await currentSettings(), { name: 'Taken Over' })],
  [`/admin/requests/${did(pending)}/approve`, { message: 'Welcome!' }],
  [`/admin/requests/${did(pending)}/decline`, { message: 'No.' }],
  ['/admin/invitations', { validDays: '14', maxUses: '10', note: 'sneaky' }],
  [`/admin/invitations/${code}/revoke`, {}],
  [`/admin/members/${did(member)}/promote`, { confirm: 'promote' }],
  [`/admin/members/${did(admin)}/demote`, { confirm: 'demote' }],
  [`/admin/members/${did(member)}/remove`, {}],
  [`/admin/members/${did(admin)}/remove`, {}],
];

/** Everything the actions above could change. */
async function snapshot() {
  return {
    settings: await currentSettings(),
    pending: await getMember(db, pending.member.did),
    member: await getMember(db, member.member.did),
    admin: await getMember(db, admin.member.did),
    invitation: await getInvitation(db, code),
    newestInvitation: (await listInvitations(db)).items[0]?.code,
    newestAudit: (await listAudit(db, undefined, 1)).items[0],
  };
}

const outsiders = [
  ['someone signed out', 'signed out'],
  ['a visitor', 'visitor'],
  ['a pending person', 'pending'],
  ['a member', 'member'],
] as const;

describe.each(outsiders)('the admin area, for %s', (_, who) => {
  let outsider: Browser;
  beforeAll(async () => {
    outsider = await browser(who);
  });

  it('answers every admin page with the plain 404 page', async () => {
    for (const path of pages()) {
      const res = await open(outsider, path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html, path).toContain('Page not found');
      expect(html, path).not.toContain('action="/admin');
    }
  });

  it('answers every admin action with 404, and nothing changes', async () => {
    const before = await snapshot();
    for (const [path, form] of await actions()) {
      const res = await send(outsider, path, form);
      expect(res.status, path).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
    expect(before.pending?.status).toBe('pending');
    expect(before.member?.role).toBe('member');
    expect(before.invitation?.revokedAt).toBeUndefined();
  });

  it('does not show the Admin link in the site navigation', async () => {
    const html = await (await open(outsider, '/')).text();
    expect(html).not.toContain('href="/admin"');
  });
});

describe('the admin area, for an admin', () => {
  it('answers every page, private and never stored', async () => {
    for (const path of pages()) {
      const res = await open(admin, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
      expect(res.headers.get('vary'), path).toContain('Cookie');
    }
  });

  it('shows the Admin link in the site navigation', async () => {
    const html = await (await open(admin, '/admin')).text();
    expect(html).toContain('<a href="/admin">Admin</a>');
  });

  it('links every section from the overview and counts the requests waiting', async () => {
    const html = await (await open(admin, '/admin')).text();
    for (const section of ['settings', 'requests', 'invitations', 'members', 'audit'])
      expect(html).toContain(`href="/admin/${section}"`);
    expect(html).toMatch(/\d+( or more)? waiting for an answer/);
  });
});
