/**
 * `ADMIN_HANDLES` bootstraps the first admins once, on real DynamoDB
 * emulators: a configured person who signs in becomes an admin; once other
 * admins have demoted them, signing in again leaves them a member; a
 * configured DID that has never signed in still bootstraps; a configured
 * handle grants once, so whoever registers it after it lapsed gets nothing.
 */
import { beforeEach, expect, it } from 'vitest';
import { adminBootstrapKey, adminCountKey } from '../../core/records/neighborhood';
import { getMember, saveProfile } from '../../edge/db/members';
import { ensureAdmin, liftRemoval, remove, requestToJoin, setRole } from '../../edge/db/membership';
import { onEveryBackend } from './backends';

let n = 0;
const did = () => `did:plc:${String(++n).padStart(24, 'b')}`;
const anAdmin = { did: 'did:plc:removing-admin', handle: 'admin.test' };

onEveryBackend('the first admins', (db) => {
  beforeEach(async () => {
    await db().delete(adminCountKey);
  });

  const person = async () => {
    const id = did();
    return saveProfile(db(), { did: id, handle: `${id.slice(-6)}.test` });
  };

  /** Another admin, so the configured one is not the last and may be demoted. */
  const otherAdmin = async () => {
    const other = await person();
    await requestToJoin(db(), other.did, 'open');
    return setRole(db(), other.did, 'admin');
  };

  it('makes a configured person an admin at their first sign-in, and records it', async () => {
    const first = await person();
    expect(await ensureAdmin(db(), first.did)).toMatchObject({ status: 'member', role: 'admin' });
    expect(await db().get(adminBootstrapKey(first.did))).toMatchObject({ did: first.did });
  });

  it('leaves a configured admin whom the admins demoted a member when they sign in again', async () => {
    const first = await person();
    await ensureAdmin(db(), first.did);
    await otherAdmin();
    expect(await setRole(db(), first.did, 'member')).toMatchObject({ role: 'member' });

    expect(await ensureAdmin(db(), first.did)).toMatchObject({ status: 'member', role: 'member' });
    expect(await getMember(db(), first.did)).toMatchObject({ status: 'member', role: 'member' });
  });

  it('does not make a configured admin an admin again once a removal of them is lifted', async () => {
    const first = await person();
    await ensureAdmin(db(), first.did);
    await otherAdmin();
    await remove(db(), first.did, anAdmin);
    expect(await ensureAdmin(db(), first.did)).toMatchObject({ status: 'removed' });
    await liftRemoval(db(), first.did, anAdmin);
    expect(await ensureAdmin(db(), first.did)).toMatchObject({ status: 'visitor' });
  });

  it('still bootstraps a configured DID that has not signed in before', async () => {
    const first = await person();
    await ensureAdmin(db(), first.did);
    const fresh = await person();
    expect(await db().get(adminBootstrapKey(fresh.did))).toBeUndefined();
    expect(await ensureAdmin(db(), fresh.did)).toMatchObject({ status: 'member', role: 'admin' });
  });

  it('grants once when the same person signs in twice at the same moment', async () => {
    const first = await person();
    const [a, b] = await Promise.all([ensureAdmin(db(), first.did), ensureAdmin(db(), first.did)]);
    expect(a?.role).toBe('admin');
    expect(b?.role).toBe('admin');
    expect(await db().get<{ count: number }>(adminCountKey)).toMatchObject({ count: 1 });
  });

  it('uses a configured handle once: a new account that takes the handle later is not made admin', async () => {
    const first = await person();
    expect(await ensureAdmin(db(), first.did, ['garden.example'])).toMatchObject({
      role: 'admin',
    });
    expect(await db().get(adminBootstrapKey('garden.example'))).toMatchObject({ did: first.did });

    const newcomer = await person();
    expect(await ensureAdmin(db(), newcomer.did, ['garden.example'])).toMatchObject({
      role: 'member',
      status: 'visitor',
    });
  });
});
