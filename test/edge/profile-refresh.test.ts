/**
 * "Refresh from Bluesky": the owner's profile is read again from their PDS
 * (their own name and bio cleared so Bluesky's show); when the PDS cannot be
 * reached, a friendly 502 and nothing changed. Nobody else may refresh it.
 */
import { describe, expect, inject, it } from 'vitest';
import { getMember, updateMember } from '../../edge/db/members';
import { db, postForm, signIn } from './support';

describe('POST /members/:id/refresh', () => {
  it('re-reads the PDS profile and clears the own name and bio', async () => {
    const pds = inject('pdsUrl');
    const handle = `r${Date.now().toString(36)}.test`;
    const created = (await (
      await fetch(`${pds}/xrpc/com.atproto.server.createAccount`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ handle, email: `${handle}@example.com`, password: 'pw-12345678' }),
      })
    ).json()) as { did: string; accessJwt: string };
    const put = await fetch(`${pds}/xrpc/com.atproto.repo.putRecord`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.accessJwt}` },
      body: JSON.stringify({
        repo: created.did,
        collection: 'app.bsky.actor.profile',
        rkey: 'self',
        record: {
          $type: 'app.bsky.actor.profile',
          displayName: 'Fresh Name',
          description: 'Fresh bio',
        },
      }),
    });
    expect(put.ok).toBe(true);
    const owner = await signIn({ did: created.did, handle, displayName: 'Stale Name' }, 'member');
    await updateMember(
      db,
      owner.member.did,
      (m) => m && { ...m, name: 'Own', bio: 'Own bio', location: 'Kept' },
    );

    const res = await postForm(
      `/members/${handle}/refresh`,
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/members/${handle}/edit`);
    const saved = (await getMember(db, owner.member.did))!;
    expect(saved).toMatchObject({
      displayName: 'Fresh Name',
      description: 'Fresh bio',
      location: 'Kept',
    });
    expect(saved.name).toBeUndefined();
    expect(saved.bio).toBeUndefined();
  });

  it('shows a friendly 502 and changes nothing when the PDS cannot be reached', async () => {
    const owner = await signIn(
      { did: inject('downDid'), handle: 'down-owner.test', displayName: 'Still Here' },
      'member',
    );
    await updateMember(db, owner.member.did, (m) => m && { ...m, name: 'Own Words' });
    const before = (await getMember(db, owner.member.did))!;
    const res = await postForm(
      '/members/down-owner.test/refresh',
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(502);
    const html = await res.text();
    expect(html).toContain('We could not reach your Bluesky server');
    expect(html).toContain('nothing was changed');
    expect(await getMember(db, owner.member.did)).toEqual(before);
  });

  it('is a 404 for anyone but the owner', async () => {
    const owner = await signIn({}, 'member');
    const admin = await signIn({}, 'admin');
    const res = await postForm(
      `/members/${owner.member.handle}/refresh`,
      { _csrf: admin.csrf },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(404);
  });
});
