/**
 * Removal records on real DynamoDB emulators: a removal outlives account
 * deletion and the purge of the profile, refuses joining and the first
 * admins' sign-in promotion, admits only an invitation made after it, is
 * taken back when the removal itself is refused (the last admin), marks the
 * person's sites offline, and is lifted once.
 */
import { beforeEach, expect, it } from 'vitest';
import { memberKey } from '../../core/records/members';
import { adminCountKey } from '../../core/records/neighborhood';
import { createInvitation } from '../../edge/db/invitations';
import { getMember, saveProfile } from '../../edge/db/members';
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
});
