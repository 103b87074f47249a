/**
 * `ADMIN_HANDLES` through real sign-ins at the local PDS: a configured DID
 * that signs in becomes an admin; once another admin has demoted them,
 * signing in again leaves them a member. The Worker runs with the person's
 * DID configured (its own configuration, as a deployment would have it).
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../edge/index';
import { getMember } from '../../edge/db/members';
import type { Env } from '../../edge/env';
import { bindings, db, ORIGIN, postForm, signedOutBrowser, signIn } from './support';
import { consentAndWatch, newPdsAccount } from './pds';

/** A full sign-in as `account`, its callback answered by a Worker configured with `vars`. */
async function signInWith(
  account: { handle: string; password: string },
  vars: Partial<Env>,
): Promise<Response> {
  const browser = await signedOutBrowser();
  const login = await postForm(
    '/login',
    { _csrf: browser.csrf, handle: account.handle },
    { cookie: browser.cookie },
  );
  const signInCookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { callback } = await consentAndWatch(
    login.headers.get('location') ?? '',
    account.handle,
    account.password,
  );
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(new URL(callback, ORIGIN), {
      headers: { cookie: `${browser.cookie}; ${signInCookie}` },
      redirect: 'manual',
    }),
    { ...(env as unknown as Env), ...vars },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  expect(res.status).toBe(303);
  return res;
}

describe('ADMIN_HANDLES at sign-in', () => {
  it('makes a configured DID an admin once; demoted, they sign in again as a member', async () => {
    const account = await newPdsAccount();
    const configured = { ADMIN_HANDLES: `${bindings.ADMIN_HANDLES ?? ''},${account.did}` };

    await signInWith(account, configured);
    expect(await getMember(db, account.did)).toMatchObject({ status: 'member', role: 'admin' });

    const admin = await signIn({}, 'admin');
    const demoted = await postForm(
      `/admin/members/${encodeURIComponent(account.did)}/demote`,
      { _csrf: admin.csrf, confirm: 'demote' },
      { cookie: admin.cookie },
    );
    expect(demoted.status).toBe(303);
    expect(await getMember(db, account.did)).toMatchObject({ role: 'member' });

    await signInWith(account, configured);
    expect(await getMember(db, account.did)).toMatchObject({ status: 'member', role: 'member' });
  });

  it('makes nobody an admin who is not configured', async () => {
    const account = await newPdsAccount();
    await signInWith(account, {});
    expect(await getMember(db, account.did)).toMatchObject({ status: 'visitor' });
  });
});
