/**
 * Reads a member's public identity and profile from the AT Protocol network:
 * the handle their DID document claims (checked against the handle
 * resolver), and the `app.bsky.actor.profile/self` record on their PDS.
 * A missing profile record is normal for new accounts and yields just the
 * handle. A handle becomes `handle.invalid` only when the resolver says it
 * is not theirs; a resolver that cannot answer just now (no answer in time,
 * a network error, 5xx, 429) leaves the handle last verified in place. Each
 * lookup is given `IDENTITY_TIMEOUT_MS` (5 s).
 */
import type { ProfileFields } from '../../core/records/members';
import type { Config } from '../env';
import { createDidResolver, describeDidDocument } from './did-resolver';
import { fetchWithoutRedirects, IDENTITY_TIMEOUT_MS, isTimeout } from './fetch';

const INVALID_HANDLE = 'handle.invalid';

/** The handle resolver gave no answer about the handle: it is neither confirmed nor refused. */
export class HandleCheckUnavailable extends Error {
  override name = 'HandleCheckUnavailable';
}

/**
 * The PDS could not say what the profile record holds just now (a 5xx, a
 * 429, an answer that is not XRPC): callers keep the profile they have
 * rather than blank a member's name and bio over a hiccup.
 */
export class ProfileRecordUnavailable extends Error {
  override name = 'ProfileRecordUnavailable';
}

export interface IdentityLookup {
  /** The handle last verified for this DID, kept when the resolver cannot answer just now. */
  lastHandle?: string;
  /** How long each lookup may take; `IDENTITY_TIMEOUT_MS` unless a test wants less. */
  timeoutMs?: number;
}

interface ProfileRecord {
  displayName?: unknown;
  description?: unknown;
  avatar?: { ref?: { $link?: unknown } };
}

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim()
    ? Array.from(value.trim()).slice(0, max).join('')
    : undefined;

interface Answer {
  status: number;
  /** The JSON body, if it was JSON. */
  body?: { did?: unknown; error?: unknown; value?: ProfileRecord };
}

/** GETs `url` as JSON within `timeoutMs`; a timeout becomes an error that names the host. */
async function getJson(url: URL, timeoutMs: number): Promise<Answer> {
  try {
    const res = await fetchWithoutRedirects(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch((error: unknown) => {
      if (isTimeout(error)) throw error;
      return undefined;
    })) as Answer['body'];
    return { status: res.status, body: body ?? undefined };
  } catch (error) {
    if (isTimeout(error)) {
      throw new Error(`no answer from ${url.host} within ${timeoutMs} ms`, { cause: error });
    }
    throw error;
  }
}

/**
 * Confirms the handle points back at the DID; otherwise it is not theirs to
 * claim. Only the resolver's own answer refuses it: another DID, or an XRPC
 * error (400, "Unable to resolve handle"). Anything else throws
 * `HandleCheckUnavailable`, for the caller to keep what it had.
 */
export async function verifiedHandle(
  config: Config,
  did: string,
  handle?: string,
  { timeoutMs = IDENTITY_TIMEOUT_MS }: IdentityLookup = {},
): Promise<string> {
  if (!handle) return INVALID_HANDLE;
  const url = new URL('/xrpc/com.atproto.identity.resolveHandle', config.atproto.handleResolver);
  url.searchParams.set('handle', handle);
  let answer: Answer;
  try {
    answer = await getJson(url, timeoutMs);
  } catch (error) {
    throw new HandleCheckUnavailable(`${handle}: ${String(error)}`, { cause: error });
  }
  const { status, body } = answer;
  if (status === 200 && typeof body?.did === 'string') {
    return body.did === did ? handle.toLowerCase() : INVALID_HANDLE;
  }
  if (status === 400 && typeof body?.error === 'string') return INVALID_HANDLE;
  throw new HandleCheckUnavailable(`${handle}: the resolver answered ${status}`);
}

export async function fetchProfile(
  config: Config,
  did: string,
  lookup: IdentityLookup = {},
): Promise<ProfileFields> {
  const timeoutMs = lookup.timeoutMs ?? IDENTITY_TIMEOUT_MS;
  const doc = await createDidResolver({ ...config.atproto, timeoutMs }).resolve(did);
  const { pds, handle } = describeDidDocument(doc);
  let checkedHandle: string;
  try {
    checkedHandle = await verifiedHandle(config, did, handle, { timeoutMs });
  } catch (error) {
    if (!(error instanceof HandleCheckUnavailable)) throw error;
    console.warn('handle check failed', did, error.message);
    checkedHandle = lookup.lastHandle ?? INVALID_HANDLE;
  }
  if (!pds) return { did, handle: checkedHandle };

  const recordUrl = new URL('/xrpc/com.atproto.repo.getRecord', pds);
  recordUrl.search = new URLSearchParams({
    repo: did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
  }).toString();
  const { status, body } = await getJson(recordUrl, timeoutMs);
  // No record (a 400 XRPC error such as RecordNotFound) is normal for a new account.
  const absent = status === 400 && typeof body?.error === 'string';
  if (status !== 200 && !absent) {
    throw new ProfileRecordUnavailable(`${did}: the PDS answered ${status}`);
  }
  const record = status === 200 ? body?.value : undefined;
  const cid = record?.avatar?.ref?.$link;
  let avatarUrl: string | undefined;
  if (typeof cid === 'string' && /^[a-z0-9]+$/i.test(cid)) {
    const blobUrl = new URL('/xrpc/com.atproto.sync.getBlob', pds);
    blobUrl.search = new URLSearchParams({ did, cid }).toString();
    avatarUrl = blobUrl.toString();
  }
  return {
    did,
    handle: checkedHandle,
    displayName: text(record?.displayName, 64),
    description: text(record?.description, 256),
    avatarUrl,
  };
}
