/**
 * GET /admin/requests and POST /admin/requests/:did/approve|decline: the
 * queue shows who is waiting, oldest first; an answer changes the person's
 * status, carries the admin's message to them and is logged; a message too
 * long comes back next to its form; a request already answered, or nobody
 * at all, changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../edge/db/audit';
import { getMember } from '../../edge/db/members';
import { allPages, open, readable, send } from './admin-support';
import { db, signIn, testDid, type SignedIn } from './support';

let admin: SignedIn;

beforeAll(async () => {
  admin = await signIn({}, 'admin');
});

const path = (who: SignedIn, decision: string) =>
  `/admin/requests/${encodeURIComponent(who.member.did)}/${decision}`;

const newestAudit = async () => (await listAudit(db, undefined, 1)).items[0];

describe('GET /admin/requests', () => {
  it('lists the people waiting, oldest first, each with an approve and a decline form', async () => {
    const first = await signIn({ displayName: 'First Asker' }, 'pending');
    const second = await signIn({ displayName: 'Second Asker' }, 'pending');
    const html = await allPages(admin, '/admin/requests');
    expect(html.indexOf('First Asker')).toBeGreaterThan(-1);
    expect(html.indexOf('First Asker')).toBeLessThan(html.indexOf('Second Asker'));
    expect(html).toContain(`@${first.member.handle}`);
    for (const decision of ['approve', 'decline'])
      expect(html).toContain(`<form method="post" action="${path(second, decision)}">`);
    expect(html).toMatch(/name="message" type="text" maxlength="300"/);
  });
});

describe('POST /admin/requests/:did/approve', () => {
  it('makes them a member, keeps the message for them, logs it and redirects', async () => {
    const asker = await signIn({ displayName: 'Bob Rivers' }, 'pending');
    const res = await send(admin, path(asker, 'approve'), { message: ' Welcome! ' });
    expect(res.status).toBe(303);
    const done = `/admin/requests?done=approved&who=${encodeURIComponent(asker.member.did)}`;
    expect(res.headers.get('location')).toBe(done);
    expect(await getMember(db, asker.member.did)).toMatchObject({
      status: 'member',
      decisionMessage: 'Welcome!',
    });
    expect(await newestAudit()).toMatchObject({
      action: 'request.approve',
      actorDid: admin.member.did,
      targetDid: asker.member.did,
      detail: 'Welcome!',
    });
    const page = readable(await allPages(admin, done));
    expect(page).toContain('Approved. Bob Rivers is a member now.');
    expect(page).not.toContain(`@${asker.member.handle}`);
  });

  it('needs no message', async () => {
    const asker = await signIn({}, 'pending');
    expect((await send(admin, path(asker, 'approve'), { message: '' })).status).toBe(303);
    const member = await getMember(db, asker.member.did);
    expect(member?.status).toBe('member');
    expect(member?.decisionMessage).toBeUndefined();
  });
});

describe('the notice after an answer', () => {
  it('names nobody for an address that names no one known, and takes no words from it', async () => {
    const page = readable(
      await allPages(admin, '/admin/requests?done=approved&who=did:plc:nobodyhere&name=Mallory'),
    );
    expect(page).toContain('Approved. They are a member now.');
    expect(page).not.toContain('Mallory');
  });
});

describe('POST /admin/requests/:did/decline', () => {
  it('leaves them a visitor with the message for them, and logs it', async () => {
    const asker = await signIn({ displayName: 'Carol Banks' }, 'pending');
    const res = await send(admin, path(asker, 'decline'), { message: 'Street residents only.' });
    expect(res.status).toBe(303);
    const done = res.headers.get('location')!;
    expect(done).toBe(`/admin/requests?done=declined&who=${encodeURIComponent(asker.member.did)}`);
    expect(readable(await allPages(admin, done))).toContain(
      'Declined. Carol Banks will see your answer on their next visit.',
    );
    expect(await getMember(db, asker.member.did)).toMatchObject({
      status: 'visitor',
      decisionMessage: 'Street residents only.',
    });
    expect(await newestAudit()).toMatchObject({
      action: 'request.decline',
      targetDid: asker.member.did,
      detail: 'Street residents only.',
    });
  });

  it('refuses a message over 300 characters next to that form, keeping it', async () => {
    const asker = await signIn({}, 'pending');
    const before = await newestAudit();
    const long = `Sorry ${'x'.repeat(300)}`;
    const res = await send(admin, path(asker, 'decline'), { message: long });
    expect(res.status).toBe(400);
    const html = await res.text();
    const form = html.slice(html.indexOf(`action="${path(asker, 'decline')}"`));
    expect(form).toMatch(/^[^]*?value="Sorry x+" aria-invalid="true"/);
    expect(form).toContain('Keep the message to 300 characters or fewer.');
    expect((await getMember(db, asker.member.did))?.status).toBe('pending');
    expect(await newestAudit()).toEqual(before);
  });
});

describe('answering what is not a waiting request', () => {
  it('says a request already answered was answered, and changes nothing', async () => {
    const asker = await signIn({}, 'pending');
    await send(admin, path(asker, 'approve'), { message: 'Welcome!' });
    const before = await newestAudit();
    const res = await send(admin, path(asker, 'decline'), { message: 'Changed my mind' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/requests?done=already');
    expect(await getMember(db, asker.member.did)).toMatchObject({
      status: 'member',
      decisionMessage: 'Welcome!',
    });
    expect(await newestAudit()).toEqual(before);
    const page = readable(await (await open(admin, '/admin/requests?done=already')).text());
    expect(page).toContain('That request was already answered');
  });

  it('answers 404 for nobody, a malformed DID, or an unknown answer', async () => {
    const asker = await signIn({}, 'pending');
    for (const target of [
      `/admin/requests/${encodeURIComponent(testDid())}/approve`,
      '/admin/requests/not-a-did/approve',
      path(asker, 'maybe'),
    ])
      expect((await send(admin, target, { message: '' })).status, target).toBe(404);
    expect((await getMember(db, asker.member.did))?.status).toBe('pending');
  });
});
