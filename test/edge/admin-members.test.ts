/**
 * /admin/members: every member with their role; promoting, demoting and
 * removing (after a confirmation page) are logged; removal ends the
 * person's sessions at once; the last admin can neither demote nor remove
 * themselves (409), while any other admin may step down.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../edge/db/audit';
import { getMember, updateMember } from '../../edge/db/members';
import { getSession } from '../../edge/db/sessions';
import { allPages, open, readable, send, withAdminCount } from './admin-support';
import { db, postForm, signIn, testDid, type SignedIn } from './support';

let admin: SignedIn;

beforeAll(async () => {
  admin = await signIn({ displayName: 'Members Admin' }, 'admin');
});

const path = (who: SignedIn | string, action: string) =>
  `/admin/members/${encodeURIComponent(typeof who === 'string' ? who : who.member.did)}/${action}`;

const newestAudit = async () => (await listAudit(db, undefined, 1)).items[0];

describe('GET /admin/members', () => {
  it('lists unlisted members and the directory, each with their role and actions', async () => {
    const listed = await signIn({ displayName: 'Listed Neighbor' }, 'member');
    const hidden = await signIn({ displayName: 'Hidden Neighbor' }, 'member');
    await updateMember(db, hidden.member.did, (m) => m && { ...m, listed: false });

    const unlisted = await allPages(admin, '/admin/members');
    const hiddenSection = unlisted.slice(0, unlisted.indexOf('directory-heading'));
    expect(hiddenSection).toContain('Hidden Neighbor');
    expect(hiddenSection).not.toContain('Listed Neighbor');
    expect(unlisted).toContain('Listed Neighbor');
    expect(unlisted).toContain(`href="${path(listed, 'promote')}"`);
    expect(unlisted).toContain(`href="${path(listed, 'remove')}"`);
    expect(unlisted).toContain(`href="${path(admin, 'demote')}"`);
    expect(unlisted).not.toContain('method="post"');
    expect(readable(unlisted)).toContain('Members Admin');
    expect(readable(unlisted)).toContain('Admin (you) Step down as admin…');
  });
});

describe('GET /admin/members/:did/promote and /demote', () => {
  it('asks first, naming the person and what it lets them do, and changes nothing', async () => {
    const neighbor = await signIn({ displayName: 'Bob Rivers' }, 'member');
    const before = await newestAudit();
    const res = await open(admin, path(neighbor, 'promote'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(readable(html)).toContain('Make Bob Rivers an admin?');
    expect(readable(html)).toContain('remove members, you included');
    expect(html).toContain(`<form method="post" action="${path(neighbor, 'promote')}"`);
    expect(html).toContain(`name="_csrf" value="${admin.csrf}"`);
    expect((await getMember(db, neighbor.member.did))?.role).toBe('member');
    expect(await newestAudit()).toEqual(before);
  });

  it('asks an admin stepping down, saying the admin area closes to them', async () => {
    const html = readable(await (await open(admin, path(admin, 'demote'))).text());
    expect(html).toContain('Step down as admin?');
    expect(html).toContain('the admin area closes to you at once');
    expect((await getMember(db, admin.member.did))?.role).toBe('admin');
  });

  it('sends an admin asked to promote an admin back to the list', async () => {
    const res = await open(admin, path(admin, 'promote'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/members');
  });
});

describe('POST /admin/members/:did/promote and /demote', () => {
  it('does not act on a form without the confirmation, and sends it to the question', async () => {
    const neighbor = await signIn({}, 'member');
    const before = await newestAudit();
    const res = await send(admin, path(neighbor, 'promote'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(path(neighbor, 'promote'));
    expect((await getMember(db, neighbor.member.did))?.role).toBe('member');
    expect(await newestAudit()).toEqual(before);
  });

  it('refuses a confirmation without its CSRF token', async () => {
    const neighbor = await signIn({}, 'member');
    const res = await postForm(
      path(neighbor, 'promote'),
      { confirm: 'promote' },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(403);
    expect((await getMember(db, neighbor.member.did))?.role).toBe('member');
  });

  it('makes a member an admin and back, logging both and naming them', async () => {
    const neighbor = await signIn({ displayName: 'Dana Hill' }, 'member');
    const done = (what: string) =>
      `/admin/members?done=${what}&who=${encodeURIComponent(neighbor.member.did)}`;
    const promoted = await send(admin, path(neighbor, 'promote'), { confirm: 'promote' });
    expect(promoted.status).toBe(303);
    expect(promoted.headers.get('location')).toBe(done('promoted'));
    expect(readable(await (await open(admin, done('promoted'))).text())).toContain(
      'Dana Hill is an admin now.',
    );
    expect((await getMember(db, neighbor.member.did))?.role).toBe('admin');
    expect(await newestAudit()).toMatchObject({
      action: 'member.promote',
      actorDid: admin.member.did,
      targetDid: neighbor.member.did,
    });
    expect((await open(neighbor, '/admin')).status).toBe(200);

    const demoted = await send(admin, path(neighbor, 'demote'), { confirm: 'demote' });
    expect(demoted.status).toBe(303);
    expect(demoted.headers.get('location')).toBe(done('demoted'));
    expect(readable(await (await open(admin, done('demoted'))).text())).toContain(
      'Dana Hill is a member now, no longer an admin.',
    );
    expect((await getMember(db, neighbor.member.did))?.role).toBe('member');
    expect(await newestAudit()).toMatchObject({
      action: 'member.demote',
      targetDid: neighbor.member.did,
    });
    expect((await open(neighbor, '/admin')).status).toBe(404);
  });

  it('answers 404 for someone who is not a member, and changes nothing', async () => {
    const visitor = await signIn({}, 'visitor');
    const asker = await signIn({}, 'pending');
    const before = await newestAudit();
    for (const target of [
      path(visitor, 'promote'),
      path(asker, 'promote'),
      path(testDid(), 'promote'),
    ]) {
      expect((await send(admin, target, { confirm: 'promote' })).status, target).toBe(404);
      expect((await open(admin, target)).status, target).toBe(404);
    }
    expect((await getMember(db, visitor.member.did))?.role).toBe('member');
    expect((await getMember(db, visitor.member.did))?.status).toBe('visitor');
    expect(await newestAudit()).toEqual(before);
  });
});

describe('removing a member', () => {
  it('asks first, saying what happens', async () => {
    const neighbor = await signIn({ displayName: 'Leaving Soon' }, 'member');
    const res = await open(admin, path(neighbor, 'remove'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(readable(html)).toContain('Remove Leaving Soon?');
    expect(readable(html)).toContain('Their sessions end now and their data is kept 30 days');
    expect(html).toContain(`<form method="post" action="${path(neighbor, 'remove')}"`);
    expect((await getMember(db, neighbor.member.did))?.status).toBe('member');
  });

  it('removes them, ends their sessions at once, and logs it', async () => {
    const neighbor = await signIn({ displayName: 'Removed Neighbor' }, 'member');
    expect((await open(neighbor, '/me')).status).toBe(200);

    const res = await send(admin, path(neighbor, 'remove'));
    expect(res.status).toBe(303);
    const done = `/admin/members?done=removed&who=${encodeURIComponent(neighbor.member.did)}`;
    expect(res.headers.get('location')).toBe(done);
    expect(readable(await (await open(admin, done)).text())).toContain(
      'Removed Neighbor is removed from the neighborhood and signed out everywhere.',
    );
    expect((await getMember(db, neighbor.member.did))?.status).toBe('removed');
    expect(await getSession(db, neighbor.member.did, neighbor.session.id)).toBeUndefined();
    expect(await newestAudit()).toMatchObject({
      action: 'member.remove',
      actorDid: admin.member.did,
      targetDid: neighbor.member.did,
    });

    const me = await open(neighbor, '/me');
    expect(me.status).not.toBe(200);
    expect(me.headers.get('set-cookie')).toMatch(/nbhd_session=;/);
    expect(await me.text()).not.toContain('Removed Neighbor');
  });
});

describe('the last admin', () => {
  it('cannot demote or remove themselves (409), and stays an admin', async () => {
    const only = await signIn({}, 'admin');
    await withAdminCount(1, async () => {
      const before = await newestAudit();
      for (const action of ['demote', 'remove']) {
        const res = await send(only, path(only, action), { confirm: action });
        expect(res.status, action).toBe(409);
        expect(readable(await res.text())).toContain('The neighborhood needs at least one admin');
      }
      expect(await getMember(db, only.member.did)).toMatchObject({
        status: 'member',
        role: 'admin',
      });
      expect(await getSession(db, only.member.did, only.session.id)).toBeDefined();
      expect((await open(only, '/admin')).status).toBe(200);
      expect(await newestAudit()).toEqual(before);
    });
  });

  it('is not the rule for an admin who is not the last: they may step down', async () => {
    const stepping = await signIn({}, 'admin');
    await withAdminCount(2, async () => {
      const res = await send(stepping, path(stepping, 'demote'), { confirm: 'demote' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
      expect((await getMember(db, stepping.member.did))?.role).toBe('member');
      expect((await open(stepping, '/admin')).status).toBe(404);
      expect(await newestAudit()).toMatchObject({
        action: 'member.demote',
        actorDid: stepping.member.did,
        targetDid: stepping.member.did,
      });
    });
  });

  it('is not the rule for an admin who is not the last: they may remove themselves', async () => {
    const leaving = await signIn({}, 'admin');
    await withAdminCount(2, async () => {
      const res = await send(leaving, path(leaving, 'remove'));
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
      expect((await getMember(db, leaving.member.did))?.status).toBe('removed');
      expect(await getSession(db, leaving.member.did, leaving.session.id)).toBeUndefined();
    });
  });
});
