/**
 * Which items a backup leaves out, and why. A backup is meant to bring a
 * neighborhood back, not to carry secrets or state that is over in minutes:
 *
 * - `session`: our own sign-in sessions. Restored, they would keep a stolen
 *   cookie working on the new stack; members simply sign in again.
 * - `oauth-grant`: the OAuth library's token session (access and refresh
 *   tokens), kept only for the minutes after a sign-in. Tokens are secrets
 *   and must not sit in a folder on the operator's disk.
 * - `oauth-state`: a pending sign-in (its PKCE verifier and DPoP key), an
 *   hour at most.
 * - `lock`: a token-refresh lock, a minute at most.
 * - `rate-counter`: a rate limit's count in its window.
 * - `expired`: anything whose `expiresAt` has passed, which every reader
 *   already treats as gone and DynamoDB deletes when it gets to it.
 *
 * Items that carry `expiresAt` but are the neighborhood's own data are
 * kept with it, so TTL still purges them on the same day after a restore:
 * trashed entries and their slug claims (restorable for 30 days), a deleted
 * account's name holds, a removed member's profile (kept 30 days for their
 * export), and invitation links (listed 30 days after expiring).
 */
import { memberPartition, oauthSessionKey } from '../../core/records/members';
import { sessionKey } from '../../core/records/sessions';
import { oauthStateKey } from '../../edge/db/oauth-store';
import { counterKey, limits } from '../../edge/db/rate-limit';
import type { StoredItem } from './backup-format';

export type LeftOutKind =
  'session' | 'oauth-grant' | 'oauth-state' | 'lock' | 'rate-counter' | 'expired';

const MEMBER = memberPartition('');
const SESSION = sessionKey('', '').sk;
const OAUTH_GRANT = oauthSessionKey('').sk;
const OAUTH_STATE = oauthStateKey('').pk;
// Every counter's partition begins `RATE#<action>#`; the prefix before the action is shared.
const RATE = counterKey(limits.join, '').pk.slice(0, -`${limits.join.action}#`.length);
/** The OAuth refresh lock's partition prefix (`createRequestLock` in edge/db/oauth-store.ts). */
const LOCK = 'LOCK#';

/** Why `item` is left out of a backup made at `nowSeconds`, or undefined when it is kept. */
export function leftOutKind(item: StoredItem, nowSeconds: number): LeftOutKind | undefined {
  const pk = item.pk?.S ?? '';
  const sk = item.sk?.S ?? '';
  if (pk.startsWith(MEMBER) && sk.startsWith(SESSION)) return 'session';
  if (pk.startsWith(MEMBER) && sk === OAUTH_GRANT) return 'oauth-grant';
  if (pk.startsWith(OAUTH_STATE)) return 'oauth-state';
  if (pk.startsWith(LOCK)) return 'lock';
  if (pk.startsWith(RATE)) return 'rate-counter';
  const expiresAt = item.expiresAt?.N;
  if (expiresAt !== undefined && Number(expiresAt) <= nowSeconds) return 'expired';
  return undefined;
}
