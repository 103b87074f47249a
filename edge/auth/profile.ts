/**
 * Reads a member's public identity and profile from the AT Protocol network:
 * the handle their DID document claims (checked against the handle
 * resolver), and the `app.bsky.actor.profile/self` record on their PDS.
 * A missing profile record is normal for new accounts and yields just the
 * handle.
 */
import type { ProfileFields } from '../../core/records/members';
import type { Config } from '../env';
import { createDidResolver, describeDidDocument } from './did-resolver';
import { fetchWithoutRedirects } from './fetch';

const INVALID_HANDLE = 'handle.invalid';

interface ProfileRecord {
  displayName?: unknown;
  description?: unknown;
  avatar?: { ref?: { $link?: unknown } };
}

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim()
    ? Array.from(value.trim()).slice(0, max).join('')
    : undefined;

async function getJson(url: URL): Promise<unknown> {
  const res = await fetchWithoutRedirects(url, {
    headers: { accept: 'application/json' },
    redirect: 'error',
  });
  if (!res.ok) {
    await res.body?.cancel();
    return undefined;
  }
  return res.json();
}

/** Confirms the handle points back at the DID; otherwise it is not theirs to claim. */
export async function verifiedHandle(
  config: Config,
  did: string,
  handle?: string,
): Promise<string> {
  if (!handle) return INVALID_HANDLE;
  const url = new URL('/xrpc/com.atproto.identity.resolveHandle', config.atproto.handleResolver);
  url.searchParams.set('handle', handle);
  const answer = (await getJson(url)) as { did?: unknown } | undefined;
  return answer?.did === did ? handle.toLowerCase() : INVALID_HANDLE;
}

export async function fetchProfile(config: Config, did: string): Promise<ProfileFields> {
  const doc = await createDidResolver(config.atproto).resolve(did);
  const { pds, handle } = describeDidDocument(doc);
  const checkedHandle = await verifiedHandle(config, did, handle);
  if (!pds) return { did, handle: checkedHandle };

  const recordUrl = new URL('/xrpc/com.atproto.repo.getRecord', pds);
  recordUrl.search = new URLSearchParams({
    repo: did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
  }).toString();
  const record = ((await getJson(recordUrl)) as { value?: ProfileRecord } | undefined)?.value;
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
