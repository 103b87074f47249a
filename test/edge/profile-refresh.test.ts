/**
 * "Refresh from Bluesky": the owner's profile is read again from their PDS
 * (their own name and bio cleared so Bluesky's show); when the PDS cannot be
 * reached, a friendly 502 and nothing changed. A handle resolver that fails
 * for a moment leaves the stored handle; one that says the handle is someone
 * else's makes it `handle.invalid`. Nobody else may refresh it.
 */
import { describe, expect, inject, it } from 'vitest';
import { getMember, updateMember } from '../../edge/db/members';
import app from '../../edge/index';
import { bindings, db, ORIGIN, postForm, signIn } from './support';

/** A new account on the local PDS with a profile record saying "Fresh Name", "Fresh bio". */
async function freshAccount(): Promise<{ did: string; handle: string }> {
  const pds = inject('pdsUrl');
  const handle = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.test`;
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
  return { did: created.did, handle };
}

/** The refresh as a Worker whose handle resolver is `resolver` would answer it. */
function refreshResolvingAt(
  resolver: string,
  handle: string,
  owner: { cookie: string; csrf: string },
) {
  return app.request(
    `${ORIGIN}/members/${handle}/refresh`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: owner.cookie },
      body: new URLSearchParams({ _csrf: owner.csrf }).toString(),
    },
    { ...bindings, ATPROTO_HANDLE_RESOLVER: resolver },
  );
}

describe('POST /members/:id/refresh', () => {
  it('re-reads the PDS profile and clears the own name and bio', async () => {
    const { did, handle } = await freshAccount();
    const owner = await signIn({ did, handle, displayName: 'Stale Name' }, 'member');
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

  it.each(['unavailable', 'limited', 'hangs-up'] as const)(
    'keeps the stored handle when the handle resolver fails for a moment (%s)',
    async (failure) => {
      const { did, handle } = await freshAccount();
      const owner = await signIn({ did, handle, displayName: 'Stale Name' }, 'member');
      const res = await refreshResolvingAt(inject('handleResolvers')[failure], handle, owner);
      expect(res.status).toBe(303);
      expect(await getMember(db, did)).toMatchObject({ handle, displayName: 'Fresh Name' });
    },
  );

  it('marks the handle invalid when the resolver says it points to someone else', async () => {
    const { did, handle } = await freshAccount();
    const owner = await signIn({ did, handle, displayName: 'Stale Name' }, 'member');
    const res = await refreshResolvingAt(inject('handleResolvers').elsewhere, handle, owner);
    expect(res.status).toBe(303);
    expect(await getMember(db, did)).toMatchObject({
      handle: 'handle.invalid',
      displayName: 'Fresh Name',
    });
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
