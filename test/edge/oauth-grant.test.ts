/**
 * nbhd keeps no OAuth grant: it signs people in to learn their DID, then
 * gives the grant back. Checked against the real local PDS, which is asked
 * (as the person's own signed-in browser) which grants it still holds:
 * after a sign-in, none for nbhd, and no token session in the table. A
 * grant still held from before (made here with the real client, as the
 * callback used to leave it) is revoked when the person is removed or
 * deletes their account, and a PDS that cannot be reached does not stop
 * either.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import worker from '../../edge/index';
import { createOAuthClient, OAUTH_SCOPE } from '../../edge/auth/oauth-client';
import { parseConfig } from '../../edge/env';
import { liftRemoval } from '../../edge/db/membership';
import { oauthSessionKey } from '../../core/records/members';
import { anAdmin, bindings, db, ORIGIN, postForm, signedOutBrowser, signIn } from './support';
import { consentAndWatch, newPdsAccount, type PdsGrant } from './pds';

const config = parseConfig(bindings);

/** Grants in `after` that were not in `before`. */
const added = (before: PdsGrant[], after: PdsGrant[]) =>
  after.filter((g) => !before.some((b) => b.tokenId === g.tokenId));

/** What the table holds of `did`'s OAuth grant. */
const storedGrant = (did: string) =>
  db.get<{ value: string; expiresAt: number }>(oauthSessionKey(did));

/**
 * A grant held the way sign-in used to leave one: the real client's
 * callback, run here, stores the tokens and the PDS keeps the grant.
 */
async function heldGrant() {
  const account = await newPdsAccount();
  const client = await createOAuthClient(config, db);
  const url = await client.authorize(account.handle, { scope: OAUTH_SCOPE });
  const pds = await consentAndWatch(url.toString(), account.handle, account.password);
  const before = await pds.grants();
  await client.callback(new URL(pds.callback, ORIGIN).searchParams);
  const held = added(before, await pds.grants());
  expect(held).toHaveLength(1);
  expect(await storedGrant(account.did)).toBeDefined();
  return { ...account, grants: pds.grants, before };
}

describe('GET /oauth/callback', () => {
  it('signs the person in, then revokes the grant at the PDS and keeps no tokens', async () => {
    const account = await newPdsAccount();
    const browser = await signedOutBrowser();
    const login = await postForm(
      '/login',
      { _csrf: browser.csrf, handle: account.handle },
      { cookie: browser.cookie },
    );
    expect(login.status).toBe(303);
    const signInCookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const pds = await consentAndWatch(
      login.headers.get('location') ?? '',
      account.handle,
      account.password,
    );
    const before = await pds.grants();

    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(new URL(pds.callback, ORIGIN), {
        headers: { cookie: `${browser.cookie}; ${signInCookie}` },
        redirect: 'manual',
      }),
      env,
      ctx,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me');
    expect(res.headers.get('set-cookie')).toMatch(/nbhd_session=ey/);
    await waitOnExecutionContext(ctx);

    expect(await storedGrant(account.did)).toBeUndefined();
    expect(added(before, await pds.grants())).toEqual([]);
  });
});

describe('a token session', () => {
  it('is unreadable within minutes of the callback, should the revocation never run', async () => {
    const person = await heldGrant();
    const { expiresAt } = (await storedGrant(person.did))!;
    expect(expiresAt - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(15 * 60);
  });
});

describe('a grant held from before', () => {
  it('is revoked at the PDS when an admin removes the person', async () => {
    const person = await heldGrant();
    await signIn({ did: person.did, handle: person.handle }, 'member');
    const admin = await signIn({}, 'admin');
    const res = await postForm(
      `/admin/members/${encodeURIComponent(person.did)}/remove`,
      { _csrf: admin.csrf },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(303);
    expect(await storedGrant(person.did)).toBeUndefined();
    expect(added(person.before, await person.grants())).toEqual([]);
    await liftRemoval(db, person.did, anAdmin);
  });

  it('is revoked at the PDS when the person deletes their account', async () => {
    const person = await heldGrant();
    const self = await signIn({ did: person.did, handle: person.handle }, 'member');
    const res = await postForm(
      '/me/delete',
      { _csrf: self.csrf, confirm: person.handle },
      { cookie: self.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me/deleted');
    expect(await storedGrant(person.did)).toBeUndefined();
    expect(added(person.before, await person.grants())).toEqual([]);
  });

  it('is revoked at the PDS when the person signs out', async () => {
    const person = await heldGrant();
    const self = await signIn({ did: person.did, handle: person.handle }, 'member');
    const res = await postForm('/logout', { _csrf: self.csrf }, { cookie: self.cookie });
    expect(res.status).toBe(303);
    expect(await storedGrant(person.did)).toBeUndefined();
    expect(added(person.before, await person.grants())).toEqual([]);
  });

  it('is still deleted here when its PDS cannot be reached, and the removal goes through', async () => {
    const person = await heldGrant();
    const stored = (await storedGrant(person.did))!;
    const saved = JSON.parse(stored.value) as { tokenSet: { iss: string } };
    // An address where nothing listens.
    saved.tokenSet.iss = inject('deadBuilderUrl');
    await db.put({ ...oauthSessionKey(person.did), ...stored, value: JSON.stringify(saved) });

    await signIn({ did: person.did, handle: person.handle }, 'member');
    const admin = await signIn({}, 'admin');
    const res = await postForm(
      `/admin/members/${encodeURIComponent(person.did)}/remove`,
      { _csrf: admin.csrf },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(303);
    expect(await storedGrant(person.did)).toBeUndefined();
    await liftRemoval(db, person.did, anAdmin);
  });
});
