/**
 * Helpers for the workerd tests: the Worker as the outside world sees it
 * (`SELF`), the same DynamoDB it uses, and signed-in browsers made the way
 * the app makes them (a member item, a session item, a signed cookie).
 */
import { env, SELF } from 'cloudflare:test';
import { signSessionToken } from '../../edge/auth/cookie';
import { csrfToken } from '../../edge/auth/csrf';
import { Dynamo } from '../../edge/db/dynamo';
import { saveProfile } from '../../edge/db/members';
import { type Member } from '../../core/records/members';
import { ensureAdmin, requestToJoin } from '../../edge/db/membership';
import { createSession } from '../../edge/db/sessions';
import { type Session } from '../../core/records/sessions';
import type { Env } from '../../edge/env';

export const bindings = env as unknown as Env;
export const ORIGIN = bindings.PUBLIC_URL;

export const db = new Dynamo({
  endpoint: bindings.DYNAMODB_ENDPOINT,
  table: bindings.DYNAMODB_TABLE,
  region: bindings.AWS_REGION,
  accessKeyId: bindings.AWS_ACCESS_KEY_ID,
  secretAccessKey: bindings.AWS_SECRET_ACCESS_KEY,
});

export function get(path: string, headers: Record<string, string> = {}) {
  return SELF.fetch(`${ORIGIN}${path}`, { headers, redirect: 'manual' });
}

export function postForm(
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return SELF.fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

/** An admin to name as the one who removed someone, in tests that remove people directly. */
export const anAdmin = { did: 'did:plc:testadminremovingpeople', handle: 'remover.test' };

/** A made-up DID, unique per call, so tests never share members. */
export function testDid(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz234567';
  let id = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(24))) id += letters[byte % 32];
  return `did:plc:${id}`;
}

export interface SignedIn {
  member: Member;
  session: Session;
  cookie: string;
  csrf: string;
}

/**
 * A browser signed in as a new person, exactly as the callback would leave
 * it: a visitor unless `as` makes them a pending person, a member or an admin.
 */
export async function signIn(
  profile: Partial<Member> = {},
  as: 'visitor' | 'pending' | 'member' | 'admin' = 'visitor',
  /** The table to sign in on; the Worker's own unless a test gives it another. */
  on: Dynamo = db,
): Promise<SignedIn> {
  const did = profile.did ?? testDid();
  let member = await saveProfile(on, {
    did,
    handle: profile.handle ?? `${did.slice(8, 16)}.test`,
    displayName: profile.displayName ?? 'Test Neighbor',
    description: profile.description,
    avatarUrl: profile.avatarUrl,
  });
  if (as === 'admin') member = (await ensureAdmin(on, did))!;
  else if (as === 'pending') member = (await requestToJoin(on, did, 'approval'))!;
  else if (as === 'member') member = (await requestToJoin(on, did, 'open'))!;
  const session = await createSession(on, did);
  const token = await signSessionToken(
    bindings.SESSION_SECRET,
    { did, sid: session.id },
    session.expiresAt,
  );
  return {
    member,
    session,
    cookie: `nbhd_session=${token}`,
    csrf: await csrfToken(bindings.SESSION_SECRET, session.id),
  };
}

/** A signed-out browser's pre-session cookie and the CSRF token the front page gives it. */
export async function signedOutBrowser(): Promise<{ cookie: string; csrf: string }> {
  const res = await get('/');
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  return { cookie, csrf };
}
