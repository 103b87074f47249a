/**
 * Reading a member's profile from their own PDS, as the callback does: the
 * handle their DID document claims (only if it resolves back), and the
 * display name, bio and avatar of their `app.bsky.actor.profile` record.
 */
import { describe, expect, inject, it } from 'vitest';
import { fetchProfile, verifiedHandle } from '../../edge/auth/profile';
import { parseConfig } from '../../edge/env';
import { bindings } from './support';

const config = parseConfig(bindings);

describe('fetchProfile', () => {
  it('reads name, bio, verified handle and an avatar URL from the member’s PDS', async () => {
    const did = inject('dids')['alice.test']!;
    const profile = await fetchProfile(config, did);
    expect(profile).toMatchObject({
      did,
      handle: 'alice.test',
      displayName: 'Alice Oak',
      description: 'Keeps bees at number 12. Ask about honey.',
    });
    const avatar = new URL(profile.avatarUrl!);
    expect(`${avatar.origin}${avatar.pathname}`).toBe(
      `${inject('pdsUrl')}/xrpc/com.atproto.sync.getBlob`,
    );
    expect(avatar.searchParams.get('did')).toBe(did);
    const blob = await fetch(avatar);
    expect(blob.headers.get('content-type')).toBe('image/png');
  });

  it('falls back to just the handle for an account with no profile record', async () => {
    const handle = `new${Date.now()}.test`;
    const res = await fetch(`${inject('pdsUrl')}/xrpc/com.atproto.server.createAccount`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle, email: `${handle}@example.com`, password: 'password-1234' }),
    });
    const { did } = (await res.json()) as { did: string };
    expect(await fetchProfile(config, did)).toEqual({
      did,
      handle,
      displayName: undefined,
      description: undefined,
      avatarUrl: undefined,
    });
  });

  it('accepts a claimed handle only if it resolves back to the same DID', async () => {
    const dids = inject('dids');
    expect(await verifiedHandle(config, dids['alice.test']!, 'Alice.Test')).toBe('alice.test');
    expect(await verifiedHandle(config, dids['bob.test']!, 'alice.test')).toBe('handle.invalid');
    expect(await verifiedHandle(config, dids['bob.test']!, 'nobody.test')).toBe('handle.invalid');
    expect(await verifiedHandle(config, dids['bob.test']!, undefined)).toBe('handle.invalid');
  });
});
