/**
 * DynamoDB-backed stores for the OAuth library: pending authorization
 * requests (keyed by `state`), the library's token sessions (keyed by DID,
 * inside the member's partition) and a cross-isolate lock for token refresh.
 * Values are stored as JSON text; every item carries a TTL and every read
 * checks it, because DynamoDB deletes expired items lazily.
 *
 * nbhd uses OAuth only to learn who someone is: once the callback has the
 * DID, the grant is revoked at the PDS (`edge/auth/grant.ts`). A token
 * session is therefore kept only for the minutes between the callback and
 * that revocation.
 */
import { oauthSessionKey } from '../../core/records/members';
import type { NodeSavedSession, NodeSavedState, RuntimeLock } from '@atproto/oauth-client-node';
import { conditionally } from './conditional';
import type { Dynamo, Key } from './dynamo';
import { nowSeconds } from '../../core/records/time';

/** An authorization request may stay open this long before the user must start again. */
export const STATE_TTL_SECONDS = 60 * 60;
/**
 * A token session lives only until the callback's revocation has run; if
 * that never runs (the isolate is stopped first), it is unreadable after this.
 */
export const OAUTH_SESSION_TTL_SECONDS = 10 * 60;
/**
 * How long a refresh lock is held at most. The library gives a session read
 * 30 s (`timeoutSignal(30e3)` in `SessionGetter.get`), and a refresh it has
 * sent is never aborted, so the lock must outlast that with room to spare:
 * a lock that expired mid-refresh would let a second refresh spend the same
 * one-time refresh token.
 */
export const LOCK_TTL_SECONDS = 60;

function jsonStore<V>(db: Dynamo, keyOf: (key: string) => Key, ttlSeconds: number) {
  return {
    async get(key: string): Promise<V | undefined> {
      const item = await db.get<{ value: string; expiresAt: number }>(keyOf(key));
      if (!item || item.expiresAt <= nowSeconds()) return undefined;
      return JSON.parse(item.value) as V;
    },
    async set(key: string, value: V): Promise<void> {
      await db.put({
        ...keyOf(key),
        value: JSON.stringify(value),
        expiresAt: nowSeconds() + ttlSeconds,
      });
    },
    async del(key: string): Promise<void> {
      await db.delete(keyOf(key));
    },
  };
}

export const oauthStateKey = (state: string) => ({ pk: `OAUTH_STATE#${state}`, sk: 'STATE' });

export function createStateStore(db: Dynamo) {
  return jsonStore<NodeSavedState>(db, oauthStateKey, STATE_TTL_SECONDS);
}

/**
 * What the app stored with a pending authorization, read without consuming
 * it (the library does that in `callback()`); undefined if none is live.
 */
export async function pendingAuthorization(
  db: Dynamo,
  state: string,
): Promise<{ appState?: string } | undefined> {
  const saved = await createStateStore(db).get(state);
  return saved && { appState: saved.appState };
}

/** Forgets a pending authorization, so its code can never be exchanged here. */
export async function abandonAuthorization(db: Dynamo, state: string): Promise<void> {
  await createStateStore(db).del(state);
}

export function createSessionStore(db: Dynamo) {
  return jsonStore<NodeSavedSession>(db, oauthSessionKey, OAUTH_SESSION_TTL_SECONDS);
}

/** Whether a live token session is stored for `did`. */
export async function holdsGrant(db: Dynamo, did: string): Promise<boolean> {
  return (await createSessionStore(db).get(did)) !== undefined;
}

/** Deletes the token session stored for `did`, if any (nothing is asked of the PDS). */
export async function forgetGrant(db: Dynamo, did: string): Promise<void> {
  await createSessionStore(db).del(did);
}

/** Another request held the lock for longer than a waiter would wait. */
export class LockTimeout extends Error {
  override name = 'LockTimeout';
  constructor(
    readonly lock: string,
    waitedMs: number,
  ) {
    super(`gave up waiting for the lock "${lock}" after ${waitedMs} ms: another request holds it`);
  }
}

/**
 * A lock shared by every Worker isolate: a conditional write that succeeds
 * only if no live lock item exists. It keeps two requests from refreshing the
 * same token at once, which would make the PDS revoke both. A waiter that
 * cannot take it within `waitMs` throws `LockTimeout`.
 */
export function createRequestLock(db: Dynamo, waitMs = 5000): RuntimeLock {
  return async (name, fn) => {
    const key = { pk: `LOCK#${name}`, sk: 'LOCK' };
    const owner = crypto.randomUUID();
    const deadline = Date.now() + waitMs;
    for (let delay = 25; ; delay = Math.min(delay * 2, 400)) {
      const locked = await conditionally(
        db.put(
          { ...key, owner, expiresAt: nowSeconds() + LOCK_TTL_SECONDS },
          {
            condition: 'attribute_not_exists(pk) OR #expiresAt < :now',
            names: { '#expiresAt': 'expiresAt' },
            values: { ':now': nowSeconds() },
          },
        ),
      );
      if (locked.written) break;
      if (Date.now() > deadline) throw new LockTimeout(name, waitMs);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    try {
      return await fn();
    } finally {
      await conditionally(
        db.delete(key, {
          condition: '#owner = :owner',
          names: { '#owner': 'owner' },
          values: { ':owner': owner },
        }),
      );
    }
  };
}
