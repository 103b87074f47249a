/**
 * A removal lasts until an admin lifts it: not deleting the account, not
 * the purge of the profile 30 days on, and not an invitation link made
 * before the removal lets the person back in, while one made after does
 * (and says so in the audit log). /admin/removals lists removals and lifts
 * one; their sites stay theirs alone and are marked offline meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberKey, memberName } from '../../core/records/members';
import { type Neighborhood } from '../../core/records/neighborhood';
import { listAudit } from '../../edge/db/audit';
import { createInvitation, getInvitation } from '../../edge/db/invitations';
import { removalKey } from '../../core/records/removals';
import { getMember, updateMember } from '../../edge/db/members';
import { getNeighborhood } from '../../edge/db/neighborhood';
import { getRemoval } from '../../edge/db/removals';
import { getSite } from '../../edge/db/sites';
import { open, readable, send } from './admin-support';
import { createTestSite } from './site-support';
import { db, postForm, signIn, type SignedIn } from './support';
import { setJoinPolicy } from './neighbors';

const policy = setJoinPolicy;

let original: Neighborhood;
let admin: SignedIn;
beforeAll(async () => {
  original = await getNeighborhood(db);
  admin = await signIn({ displayName: 'Removals Admin' }, 'admin');
});
afterAll(() => policy(original.joinPolicy));

const status = async (did: string) => (await getMember(db, did))?.status;
const newestAudit = async () => (await listAudit(db, undefined, 1)).items[0];

/** A member, removed by the admin on the members page, then signed in again. */
async function removedPerson(name = 'Removed Neighbor') {
  const person = await signIn({ displayName: name }, 'member');
  const did = encodeURIComponent(person.member.did);
  expect((await send(admin, `/admin/members/${did}/remove`)).status).toBe(303);
  return signIn({ did: person.member.did, handle: person.member.handle });
}

describe('a removal', () => {
  it('still stands after the person deletes their account and signs in afresh', async () => {
    await policy('open');
    const again = await removedPerson();
    const site = await createTestSite(again.member.did);
    const deleted = await send(again, '/me/delete', { confirm: again.member.handle });
    expect(deleted.headers.get('location')).toBe('/me/deleted');
    expect(await getMember(db, again.member.did)).toBeUndefined();

    const fresh = await signIn({ did: again.member.did, handle: again.member.handle });
    expect(readable(await (await open(fresh, '/me')).text())).toContain('An admin removed you');
    const res = await send(fresh, '/join');
    expect(res.status).toBe(403);
    expect(readable(await res.text())).toContain('You were removed');
    expect(await status(fresh.member.did)).not.toBe('member');
    expect((await open(fresh, `/sites/${site.name}`)).status).not.toBe(200);
  });

  it('stands for someone removed before removal records were kept, and is recorded then', async () => {
    await policy('open');
    const legacy = await signIn({ displayName: 'Removed Long Ago' }, 'member');
    const removedAt = new Date(Date.now() - 5 * 86_400_000).toISOString();
    await updateMember(db, legacy.member.did, (m) => m && { ...m, status: 'removed', removedAt });
    expect(await db.get(removalKey(legacy.member.did))).toBeUndefined();

    const deleted = await send(legacy, '/me/delete', { confirm: legacy.member.handle });
    expect(deleted.headers.get('location')).toBe('/me/deleted');
    const fresh = await signIn({ did: legacy.member.did, handle: legacy.member.handle });
    const res = await send(fresh, '/join');
    expect(res.status).toBe(403);
    expect(await status(fresh.member.did)).not.toBe('member');

    expect(await db.get(removalKey(legacy.member.did))).toMatchObject({ removedAt });
    const page = readable(await (await open(admin, '/admin/removals')).text());
    expect(page).toContain('Removed Long Ago');
    expect(page).toContain(legacy.member.did);
    expect(page).toContain('before the neighborhood kept who did it');
  });

  it('still stands once the profile is purged, 30 days on', async () => {
    const again = await removedPerson();
    await db.delete(memberKey(again.member.did));
    for (const joinPolicy of ['open', 'approval'] as const) {
      await policy(joinPolicy);
      const fresh = await signIn({ did: again.member.did, handle: again.member.handle });
      expect((await send(fresh, '/join')).status).toBe(403);
      expect(await status(fresh.member.did)).toBe('visitor');
    }
  });

  it('marks their sites offline, and only they could ever reach them', async () => {
    const person = await signIn({}, 'member');
    const site = await createTestSite(person.member.did);
    await send(admin, `/admin/members/${encodeURIComponent(person.member.did)}/remove`);
    expect((await getSite(db, site.name))?.offlineSince).toBeDefined();
    expect((await open(admin, `/sites/${site.name}`)).status).toBe(404);
  });
});

describe('invitation links and a removal', () => {
  const invite = () =>
    createInvitation(db, {
      createdByDid: admin.member.did,
      createdByHandle: admin.member.handle,
      maxUses: 5,
      validDays: 7,
    });

  it('do not let someone back in with a link made before their removal', async () => {
    const before = await invite();
    const again = await removedPerson();
    const res = await send(again, `/invitations/${before.code}/join`);
    expect(res.status).toBe(403);
    expect(readable(await res.text())).toContain('made before you were removed');
    expect(await status(again.member.did)).toBe('removed');
    expect((await getInvitation(db, before.code))?.uses).toBe(0);
  });

  it('let them back in with a link made after, lifting the removal in the audit log', async () => {
    const again = await removedPerson('Welcome Back');
    const after = await invite();
    const res = await send(again, `/invitations/${after.code}/join`);
    expect(res.status).toBe(303);
    expect(await status(again.member.did)).toBe('member');
    expect(await getRemoval(db, again.member.did)).toBeUndefined();
    const logged = (await listAudit(db, undefined, 5)).items.find(
      (e) => e.action === 'removal.lift' && e.targetDid === again.member.did,
    );
    expect(logged).toMatchObject({ actorDid: admin.member.did });
  });

  it('warn the admin on the form that a link lets removed people back in', async () => {
    const html = readable(await (await open(admin, '/admin/invitations')).text());
    expect(html).toContain('including people who were removed before you make it');
  });
});

describe('/admin/removals', () => {
  it('lists removals with name, handle, DID, when and by whom', async () => {
    const again = await removedPerson('Listed Removal');
    const res = await open(admin, '/admin/removals');
    expect(res.status).toBe(200);
    const text = readable(await res.text());
    expect(text).toContain('Listed Removal');
    expect(text).toContain(`@${again.member.handle}`);
    expect(text).toContain(again.member.did);
    expect(text).toContain(`by @${admin.member.handle}`);
  });

  it('lifts one with a form (CSRF checked), logs it, and they may ask to join again', async () => {
    await policy('approval');
    const again = await removedPerson('Lifted Neighbor');
    const site = await createTestSite(again.member.did);
    const path = `/admin/removals/${encodeURIComponent(again.member.did)}/lift`;
    const forged = await postForm(path, {}, { cookie: admin.cookie });
    expect(forged.status).toBe(403);
    expect(await getRemoval(db, again.member.did)).toBeDefined();

    const res = await send(admin, path);
    expect(res.status).toBe(303);
    const done = `/admin/removals?done=lifted&who=${encodeURIComponent(again.member.did)}`;
    expect(res.headers.get('location')).toBe(done);
    const notice = readable(await (await open(admin, done)).text());
    const name = memberName((await getMember(db, again.member.did))!);
    expect(notice).toContain(`Lifted. ${name} may join or ask to join again`);
    expect(await getRemoval(db, again.member.did)).toBeUndefined();
    expect(await newestAudit()).toMatchObject({
      action: 'removal.lift',
      actorDid: admin.member.did,
      targetDid: again.member.did,
    });
    expect((await getSite(db, site.name))?.offlineSince).toBeUndefined();
    expect(readable(await (await open(admin, '/admin/removals')).text())).not.toContain(
      'Lifted Neighbor',
    );
    expect((await send(again, '/join')).status).toBe(303);
    expect(await status(again.member.did)).toBe('pending');
  });

  it('answers 404 to anyone but an admin', async () => {
    const member = await signIn({}, 'member');
    const removed = await removedPerson();
    expect((await open(member, '/admin/removals')).status).toBe(404);
    const lift = `/admin/removals/${encodeURIComponent(removed.member.did)}/lift`;
    expect((await send(member, lift)).status).toBe(404);
    expect(await getRemoval(db, removed.member.did)).toBeDefined();
  });
});
