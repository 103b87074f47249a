/**
 * The membership rules and the records around them, on real DynamoDB
 * emulators: joining by each policy, decisions, roles and the last-admin
 * guard, leaving and removal, invitations that cannot be over-used, rate
 * limits, the audit log, versioned settings, and page cursors.
 */
import { adminCountKey } from '../../core/records/neighborhood';
import { beforeEach, expect, it } from 'vitest';
import { listAudit, recordAudit } from '../../edge/db/audit';
import {
  createInvitation,
  getInvitation,
  revokeInvitation,
  useInvitation,
} from '../../edge/db/invitations';
import { invitationState } from '../../core/records/invitations';
import {
  findMember,
  getMember,
  listByStatus,
  listDirectory,
  putMember,
  saveProfile,
  VersionConflict,
} from '../../edge/db/members';
import {
  decide,
  deleteAccount,
  ensureAdmin,
  joinWithInvitation,
  LastAdminError,
  leave,
  remove,
  requestToJoin,
  setRole,
} from '../../edge/db/membership';
import { getNeighborhood, saveNeighborhood } from '../../edge/db/neighborhood';
import { allow, limits } from '../../edge/db/rate-limit';
import { createSession, getSession } from '../../edge/db/sessions';
import { onEveryBackend } from './backends';

let n = 0;
const anAdmin = { did: 'did:plc:removing-admin', handle: 'admin.test' };
const did = () => `did:plc:${String(++n).padStart(24, 'm')}`;

onEveryBackend('membership', (db) => {
  beforeEach(async () => {
    // Each test starts with no admins counted.
    await db().delete(adminCountKey);
  });

  const person = async (name = 'Neighbor') => {
    const id = did();
    return saveProfile(db(), { did: id, handle: `${id.slice(-6)}.test`, displayName: name });
  };

  it('joins at once when open, waits when on approval, and keeps the request', async () => {
    const open = await person();
    expect((await requestToJoin(db(), open.did, 'open'))?.status).toBe('member');
    const asking = await person();
    const pending = await requestToJoin(db(), asking.did, 'approval');
    expect(pending).toMatchObject({ status: 'pending' });
    expect((await listByStatus(db(), 'PENDING')).items.map((m) => m.did)).toContain(asking.did);
  });

  it('approves or declines a request with a message the person sees', async () => {
    const a = await person();
    const b = await person();
    await requestToJoin(db(), a.did, 'approval');
    await requestToJoin(db(), b.did, 'approval');
    expect(await decide(db(), a.did, true, 'Welcome!')).toMatchObject({
      status: 'member',
      decisionMessage: 'Welcome!',
    });
    expect(await decide(db(), b.did, false, 'Only for Oak Street')).toMatchObject({
      status: 'visitor',
      decisionMessage: 'Only for Oak Street',
    });
    const pending = (await listByStatus(db(), 'PENDING')).items.map((m) => m.did);
    expect(pending).not.toContain(a.did);
    expect(pending).not.toContain(b.did);
  });

  it('never lets the last admin go, by demotion, removal, leaving or deletion', async () => {
    const only = (await ensureAdmin(db(), (await person()).did))!;
    await expect(setRole(db(), only.did, 'member')).rejects.toBeInstanceOf(LastAdminError);
    await expect(remove(db(), only.did, anAdmin)).rejects.toBeInstanceOf(LastAdminError);
    await expect(leave(db(), only.did)).rejects.toBeInstanceOf(LastAdminError);
    await expect(deleteAccount(db(), only)).rejects.toBeInstanceOf(LastAdminError);
    expect(await getMember(db(), only.did)).toMatchObject({ status: 'member', role: 'admin' });

    const second = await person();
    await requestToJoin(db(), second.did, 'open');
    await setRole(db(), second.did, 'admin');
    expect((await setRole(db(), only.did, 'member'))?.role).toBe('member');
    await expect(setRole(db(), second.did, 'member')).rejects.toBeInstanceOf(LastAdminError);
  });

  it('lets only one of two admins demote the other at the same moment', async () => {
    const a = (await ensureAdmin(db(), (await person()).did))!;
    const b = (await ensureAdmin(db(), (await person()).did))!;
    const results = await Promise.allSettled([
      setRole(db(), a.did, 'member'),
      setRole(db(), b.did, 'member'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = [await getMember(db(), a.did), await getMember(db(), b.did)].filter(
      (m) => m?.role === 'admin',
    );
    expect(admins).toHaveLength(1);
  });

  const admins = async (...people: { did: string }[]) =>
    (await Promise.all(people.map((p) => getMember(db(), p.did)))).filter(
      (m) => m?.status === 'member' && m.role === 'admin',
    ).length;
  const counted = async () => (await db().get<{ count: number }>(adminCountKey))?.count ?? 0;
  const member = async () => (await requestToJoin(db(), (await person()).did, 'open'))!;

  it('counts one admin when two promotions of the same person race', async () => {
    const a = (await ensureAdmin(db(), (await person()).did))!;
    const b = await member();
    await Promise.all([setRole(db(), b.did, 'admin'), setRole(db(), b.did, 'admin')]);
    await Promise.all([ensureAdmin(db(), b.did), ensureAdmin(db(), b.did)]);
    expect(await counted()).toBe(await admins(a, b));
    expect(await counted()).toBe(2);
    await setRole(db(), b.did, 'member');
    await expect(setRole(db(), a.did, 'member')).rejects.toBeInstanceOf(LastAdminError);
  });

  it('takes one admin away when two demotions of the same person race', async () => {
    const [a, b, c] = [await member(), await member(), await member()];
    for (const m of [a, b, c]) await setRole(db(), m.did, 'admin');
    await Promise.allSettled([setRole(db(), c.did, 'member'), setRole(db(), c.did, 'member')]);
    expect(await admins(a, b, c)).toBe(2);
    expect(await counted()).toBe(2);
  });

  it('keeps the count true when a promotion races a removal, or a demotion races leaving', async () => {
    const a = (await ensureAdmin(db(), (await person()).did))!;
    const b = await member();
    await Promise.allSettled([setRole(db(), b.did, 'admin'), remove(db(), b.did, anAdmin)]);
    expect(await counted()).toBe(await admins(a, b));
    const c = await member();
    await setRole(db(), c.did, 'admin');
    await Promise.allSettled([setRole(db(), c.did, 'member'), leave(db(), c.did)]);
    expect(await counted()).toBe(await admins(a, b, c));
    const d = await member();
    await setRole(db(), d.did, 'admin');
    await Promise.allSettled([setRole(db(), d.did, 'member'), deleteAccount(db(), d)]);
    expect(await counted()).toBe(await admins(a, b, c, d));
  });

  it('removes a member: sessions end at once, data kept with a purge date', async () => {
    const m = await person();
    await requestToJoin(db(), m.did, 'open');
    const session = await createSession(db(), m.did);
    const removed = await remove(db(), m.did, anAdmin);
    expect(removed).toMatchObject({ status: 'removed' });
    expect(await getSession(db(), m.did, session.id)).toBeUndefined();
    const item = await db().get<{ expiresAt: number }>({ pk: `MEMBER#${m.did}`, sk: 'PROFILE' });
    const days = (item!.expiresAt - Date.now() / 1000) / 86400;
    expect(Math.round(days)).toBe(30);
  });

  it('lists the directory newest first or by name, page by page, without unlisted members', async () => {
    const names = ['Zed', 'amy', 'Bea'];
    const joined = [];
    for (const name of names) {
      const m = await person(name);
      joined.push((await requestToJoin(db(), m.did, 'open'))!);
      await new Promise((r) => setTimeout(r, 3));
    }
    const hidden = await person('Aaron');
    const member = (await requestToJoin(db(), hidden.did, 'open'))!;
    await putMember(db(), { ...member, listed: false }, member.version);

    const newest = await listDirectory(db(), 'newest', { limit: 2 });
    expect(newest.items.map((m) => m.displayName)).toEqual(['Bea', 'amy']);
    const rest = await listDirectory(db(), 'newest', { limit: 2, cursor: newest.next });
    expect(rest.items[0]?.displayName).toBe('Zed');
    const byName = (await listDirectory(db(), 'name', { limit: 100 })).items.map(
      (m) => m.displayName,
    );
    expect(byName.filter((x) => names.includes(x!))).toEqual(['amy', 'Bea', 'Zed']);
    expect(byName).not.toContain('Aaron');
    expect((await listByStatus(db(), 'UNLISTED')).items.map((m) => m.did)).toContain(hidden.did);
  });

  it('ignores a mangled or foreign cursor and starts from the first page', async () => {
    const first = await listDirectory(db(), 'newest', { limit: 1 });
    for (const cursor of ['%%%', 'e30', btoa('{"pk":{"S":"x"}}'), btoa('{"evil":"x"}')]) {
      expect((await listDirectory(db(), 'newest', { limit: 1, cursor })).items).toEqual(
        first.items,
      );
    }
  });

  it('refuses a stale profile write with the current version, and finds people by old handles', async () => {
    const m = await person('Old');
    const edited = await putMember(db(), { ...m, bio: 'first tab' }, m.version);
    const stale = await putMember(db(), { ...m, bio: 'second tab' }, m.version).catch(
      (e: unknown) => e,
    );
    expect(stale).toBeInstanceOf(VersionConflict);
    expect((stale as VersionConflict<typeof m>).current?.bio).toBe('first tab');
    await saveProfile(db(), { did: m.did, handle: 'renamed.test' });
    expect((await findMember(db(), m.handle))?.handle).toBe('renamed.test');
    expect((await findMember(db(), 'renamed.test'))?.did).toBe(m.did);
    expect((await findMember(db(), m.did))?.bio).toBe(edited.bio);
  });

  it('uses an invitation at most its allowed number of times, even all at once', async () => {
    const inv = await createInvitation(db(), {
      createdByDid: 'did:x',
      createdByHandle: 'a.test',
      maxUses: 2,
      validDays: 1,
    });
    const people = await Promise.all([person(), person(), person(), person()]);
    const results = await Promise.all(people.map((p) => joinWithInvitation(db(), p.did, inv.code)));
    expect(results.filter((r) => r === 'valid')).toHaveLength(2);
    expect(results.filter((r) => r === 'used-up')).toHaveLength(2);
    expect((await getInvitation(db(), inv.code))?.uses).toBe(2);
  });

  it('tells revoked, expired and unknown invitations apart', async () => {
    const inv = await createInvitation(db(), {
      createdByDid: 'did:x',
      createdByHandle: 'a.test',
      maxUses: 5,
      validDays: 1,
    });
    await revokeInvitation(db(), inv.code);
    expect(await useInvitation(db(), inv.code)).toBe('revoked');
    expect(invitationState({ ...inv, validUntil: 1 })).toBe('expired');
    expect(await useInvitation(db(), 'no-such-invitation')).toBe('missing');
  });

  it('allows a person only so many join requests an hour', async () => {
    const who = did();
    const answers = [];
    for (let i = 0; i < limits.join.max + 1; i++) answers.push(await allow(db(), limits.join, who));
    expect(answers.filter(Boolean)).toHaveLength(limits.join.max);
    expect(answers.at(-1)).toBe(false);
    expect(await allow(db(), limits.join, did())).toBe(true);
  });

  it('keeps the audit log newest first, page by page', async () => {
    for (const action of ['member.promote', 'member.demote', 'member.remove'] as const) {
      await recordAudit(db(), { action, actorDid: 'did:a', actorHandle: 'a.test' });
      await new Promise((r) => setTimeout(r, 3));
    }
    const page = await listAudit(db(), undefined, 2);
    expect(page.items.map((e) => e.action)).toEqual(['member.remove', 'member.demote']);
    expect((await listAudit(db(), page.next, 2)).items[0]?.action).toBe('member.promote');
  });

  it('saves settings only over the version that was read', async () => {
    const current = await getNeighborhood(db());
    const saved = await saveNeighborhood(db(), { ...current, name: 'Elm Row' }, current.version);
    expect(saved.version).toBe(current.version + 1);
    await expect(
      saveNeighborhood(db(), { ...current, name: 'Stale' }, current.version),
    ).rejects.toBeInstanceOf(VersionConflict);
    expect((await getNeighborhood(db())).name).toBe('Elm Row');
  });
});
