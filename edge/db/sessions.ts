/**
 * Our own sign-in sessions. Each lives under its member's partition, so
 * every session of one member can be listed and revoked together. The
 * cookie only names a session; deleting the item signs the browser out.
 */
import { memberPartition, oauthSessionKey } from '../../core/records/members';
import { SESSION_TTL_SECONDS, type Session, sessionKey } from '../../core/records/sessions';
import { nowSeconds } from '../../core/records/time';
import type { Dynamo } from './dynamo';

export async function createSession(db: Dynamo, did: string): Promise<Session> {
  const session: Session = {
    id: crypto.randomUUID(),
    did,
    createdAt: new Date().toISOString(),
    expiresAt: nowSeconds() + SESSION_TTL_SECONDS,
  };
  await db.put({ ...sessionKey(did, session.id), ...session });
  return session;
}

/** The session, unless it was revoked or has expired (DynamoDB's TTL deletes lazily). */
export async function getSession(
  db: Dynamo,
  did: string,
  id: string,
): Promise<Session | undefined> {
  return liveSession(await db.get<Session>(sessionKey(did, id)));
}

/** The session fields of a stored item, or `undefined` if there is none or it has expired. */
export function liveSession(item: Session | undefined): Session | undefined {
  if (!item || item.expiresAt <= nowSeconds()) return undefined;
  return { id: item.id, did: item.did, createdAt: item.createdAt, expiresAt: item.expiresAt };
}

export async function deleteSession(db: Dynamo, did: string, id: string): Promise<void> {
  await db.delete(sessionKey(did, id));
}

/**
 * Ends every session of a member at once (sign-out everywhere, removal):
 * every page of them, a hundred keys a page, deleted in batches.
 */
export async function deleteAllSessions(db: Dynamo, did: string): Promise<number> {
  let ended = 0;
  let cursor: string | undefined;
  do {
    const page = await db.page<{ pk: string; sk: string }>(memberPartition(did), {
      prefix: 'SESSION#',
      attributes: [],
      limit: 100,
      cursor,
    });
    await db.deleteMany(page.items.map(({ pk, sk }) => ({ pk, sk })));
    ended += page.items.length;
    cursor = page.next;
  } while (cursor);
  return ended;
}

/**
 * Revokes the person's OAuth grant at their PDS if one is still held
 * (`releaseGrant` in `edge/auth/grant.ts`); best-effort, it never throws.
 * Removal and account deletion call it before the tokens are deleted here.
 */
export type RevokeGrant = (did: string) => Promise<void>;

/** Ends every session here, then gives back any OAuth grant still held and deletes its tokens. */
export async function forgetSessions(
  db: Dynamo,
  did: string,
  revokeGrant?: RevokeGrant,
): Promise<void> {
  await deleteAllSessions(db, did);
  await revokeGrant?.(did);
  await db.delete(oauthSessionKey(did));
}
