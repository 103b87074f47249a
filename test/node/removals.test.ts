/**
 * Removal records on real DynamoDB emulators: a removal outlives account
 * deletion and the purge of the profile, refuses joining and the first
 * admins' sign-in promotion, admits only an invitation made after it, is
 * taken back when the removal itself is refused (the last admin), marks the
 * person's sites offline, and is lifted once; it stands, too, for someone
 * removed before records were kept (written then, or by the one-off backfill).
 */
import { beforeEach, expect, it } from 'vitest';
import { memberKey } from '../../core/records/members';
import { removalKey } from '../../core/records/removals';
import { backfillRemovals } from '../../scripts/backfill-removals';
import { adminCountKey } from '../../core/records/neighborhood';
import { createInvitation } from '../../edge/db/invitations';
import { getMember, saveProfile, updateMember } from '../../edge/db/members';
import {
  deleteAccount,
  ensureAdmin,
  joinWithInvitation,
  LastAdminError,
  liftRemoval,
  remove,
  requestToJoin,
  StillRemoved,
} from '../../edge/db/membership';
import { getRemoval, listRemovals } from '../../edge/db/removals';
import { createSite, getSite } from '../../edge/db/sites';
import { onEveryBackend } from './backends';

const admin = { did: 'did:plc:removals-admin', handle: 'admin.test' };
let n = 0;
const did = () => `did:plc:${String(++n).padStart(24, 'r')}`;

onEveryBackend('removals', (db) => {
  beforeEach(async () => {
    await db().put({ ...adminCountKey, count: 5 });
  });

  const removed = async (name = 'Removed') => {
    const id = did();
    await saveProfile(db(), { did: id, handle: `${id.slice(-6)}.test`, displayName: name });
    await requestToJoin(db(), id, 'open');
    await remove(db(), id, admin);
    return id;
  };
  const signInAgain = (id: string) =>
    saveProfile(db(), { did: id, handle: `${id.slice(-6)}.test` });
  const invite = () =>
    createInvitation(db(), {
      createdByDid: admin.did,
      createdByHandle: admin.handle,
      maxUses: 3,
      validDays: 1,
    });

  it('outlives account deletion and the purge of the profile', async () => {
    const id = await removed('Gone');
    await deleteAccount(db(), { did: id });
    await signInAgain(id);
    await expect(requestToJoin(db(), id, 'open')).rejects.toBeInstanceOf(StillRemoved);
    await db().delete(memberKey(id));
    await signInAgain(id);
    await expect(requestToJoin(db(), id, 'approval')).rejects.toBeInstanceOf(StillRemoved);
    expect((await getMember(db(), id))?.status).toBe('visitor');
    expect(await getRemoval(db(), id)).toMatchObject({ name: 'Gone', removedByDid: admin.did });
    expect((await listRemovals(db())).items.map((r) => r.did)).toContain(id);
  });

  it('is not undone by the first admins’ configuration at sign-in', async () => {
    const id = await removed();
    await deleteAccount(db(), { did: id });
    await signInAgain(id);
    expect((await ensureAdmin(db(), id))?.status).toBe('visitor');
  });

  it('admits only an invitation made after it, and lifts it then', async () => {
    const before = await invite();
    const id = await removed();
    expect(await joinWithInvitation(db(), id, before.code)).toBe('removed');
    expect((await getMember(db(), id))?.status).toBe('removed');
    const after = await invite();
    expect(await joinWithInvitation(db(), id, after.code)).toBe('valid');
    expect((await getMember(db(), id))?.status).toBe('member');
    expect(await getRemoval(db(), id)).toBeUndefined();
  });

  it('is taken back when the last admin may not be removed', async () => {
    const id = did();
    await saveProfile(db(), { did: id, handle: 'last.test' });
    await ensureAdmin(db(), id);
    await db().put({ ...adminCountKey, count: 1 });
    await expect(remove(db(), id, admin)).rejects.toBeInstanceOf(LastAdminError);
    expect(await getRemoval(db(), id)).toBeUndefined();
    expect((await getMember(db(), id))?.role).toBe('admin');
  });

  it('marks the sites offline while it stands, and is lifted only once', async () => {
    const id = did();
    await saveProfile(db(), { did: id, handle: 'owner.test' });
    await requestToJoin(db(), id, 'open');
    const name = `site-${id.slice(-8)}`;
    await createSite(db(), { name, ownerDid: id, template: 'blog', settings: {} }, 3);
    await remove(db(), id, admin);
    expect((await getSite(db(), name))?.offlineSince).toBeDefined();
    const lifts = await Promise.all([liftRemoval(db(), id, admin), liftRemoval(db(), id, admin)]);
    expect(lifts.filter(Boolean)).toHaveLength(1);
    expect((await getSite(db(), name))?.offlineSince).toBeUndefined();
    expect((await getMember(db(), id))?.status).toBe('visitor');
    expect((await requestToJoin(db(), id, 'open'))?.status).toBe('member');
  });

  it('lifts nothing when another lift has just taken the record, before it cleared the member', async () => {
    const id = did();
    await saveProfile(db(), { did: id, handle: 'racing.test' });
    await requestToJoin(db(), id, 'open');
    await remove(db(), id, admin);
    // Where a racing lift stands between its two writes: the record gone, the member not yet.
    await db().delete(removalKey(id));
    expect(await liftRemoval(db(), id, admin)).toBeUndefined();
    expect(await db().get(removalKey(id))).toBeUndefined();
  });

  /** Removed the way it was done before removal records: the member item alone says so. */
  const removedLongAgo = async (name: string, daysAgo = 10) => {
    const id = did();
    await saveProfile(db(), { did: id, handle: `${id.slice(-6)}.test`, displayName: name });
    await requestToJoin(db(), id, 'open');
    const removedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    await updateMember(db(), id, (m) => m && { ...m, status: 'removed', removedAt });
    return { id, removedAt };
  };

  it('stands for someone removed before records were kept, and writes their record', async () => {
    const { id, removedAt } = await removedLongAgo('Legacy');
    expect(await db().get(removalKey(id))).toBeUndefined();
    await expect(requestToJoin(db(), id, 'open')).rejects.toBeInstanceOf(StillRemoved);
    expect(await db().get(removalKey(id))).toMatchObject({ removedAt, name: 'Legacy' });
    expect((await listRemovals(db())).items.map((r) => r.did)).toContain(id);

    const before = await invite();
    const other = await removedLongAgo('Legacy invited', 0);
    expect(await joinWithInvitation(db(), other.id, before.code)).toBe('removed');
    expect((await getMember(db(), other.id))?.status).toBe('removed');
  });

  it('is recorded for everyone removed before records were kept by the one-off backfill', async () => {
    const first = await removedLongAgo('Backfilled one');
    const second = await removedLongAgo('Backfilled two');
    const recorded = await removed('Recorded already');
    const before = await getRemoval(db(), recorded);
    const written = await backfillRemovals(db());
    expect(written).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(written).not.toContain(recorded);
    expect(await getRemoval(db(), recorded)).toEqual(before);
    // Once the profile is purged, the record alone keeps them out.
    await db().delete(memberKey(first.id));
    await signInAgain(first.id);
    await expect(requestToJoin(db(), first.id, 'open')).rejects.toBeInstanceOf(StillRemoved);
    expect(await backfillRemovals(db())).toEqual([]);
  });
});
