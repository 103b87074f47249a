/**
 * Reading a member's profile from their own PDS, as the callback does: the
 * handle their DID document claims (only if it resolves back), and the
 * display name, bio and avatar of their `app.bsky.actor.profile` record.
 * A resolver that cannot answer leaves the last verified handle; one that
 * says no makes it `handle.invalid`. No lookup waits past its time limit.
 */
import { describe, expect, inject, it } from 'vitest';
import { createDidResolver, DidResolutionError } from '../../edge/auth/did-resolver';
import {
  fetchProfile,
  HandleCheckUnavailable,
  ProfileRecordUnavailable,
  verifiedHandle,
} from '../../edge/auth/profile';
import { parseConfig } from '../../edge/env';
import { bindings } from './support';

const config = parseConfig(bindings);
const resolvingAt = (handleResolver: string) => ({
  ...config,
  atproto: { ...config.atproto, handleResolver },
});

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

  it.each([
    ['answers 503', () => inject('handleResolvers').unavailable],
    ['answers 429', () => inject('handleResolvers').limited],
    ['closes the connection', () => inject('handleResolvers')['hangs-up']],
    ['never answers', () => inject('slowBuilderUrl')],
  ])('keeps the last verified handle when the resolver %s', async (_, resolver) => {
    const did = inject('dids')['alice.test']!;
    const flaky = resolvingAt(resolver());
    await expect(verifiedHandle(flaky, did, 'alice.test', { timeoutMs: 300 })).rejects.toThrow(
      HandleCheckUnavailable,
    );
    const profile = await fetchProfile(flaky, did, { lastHandle: 'alice.test', timeoutMs: 300 });
    expect(profile).toMatchObject({ did, handle: 'alice.test', displayName: 'Alice Oak' });
  });

  it('has no handle to keep for someone it has never verified', async () => {
    const did = inject('dids')['alice.test']!;
    const flaky = resolvingAt(inject('handleResolvers').unavailable);
    expect((await fetchProfile(flaky, did)).handle).toBe('handle.invalid');
  });

  it.each([
    ['cannot resolve the handle', 'unknown'],
    ['says the handle is someone else’s', 'elsewhere'],
  ] as const)('marks the handle invalid when the resolver %s', async (_, failure) => {
    const did = inject('dids')['alice.test']!;
    const refusing = resolvingAt(inject('handleResolvers')[failure]);
    expect(await verifiedHandle(refusing, did, 'alice.test')).toBe('handle.invalid');
    const profile = await fetchProfile(refusing, did, { lastHandle: 'alice.test' });
    expect(profile).toMatchObject({ did, handle: 'handle.invalid', displayName: 'Alice Oak' });
  });

  it('says the profile record could not be read when the PDS fails, rather than blank it', async () => {
    await expect(fetchProfile(config, inject('failingPdsDid'))).rejects.toBeInstanceOf(
      ProfileRecordUnavailable,
    );
  });

  it('gives up on a PDS that never sends the profile record', async () => {
    await expect(fetchProfile(config, inject('silentPdsDid'), { timeoutMs: 300 })).rejects.toThrow(
      /no answer from localhost:\d+ within 300 ms/,
    );
  });
});

describe('the DID resolver', () => {
  it('gives up on a did:web host that never answers, saying so', async () => {
    const did = inject('silentDid');
    const resolver = createDidResolver({ ...config.atproto, timeoutMs: 300 });
    const failure = resolver.resolve(did);
    await expect(failure).rejects.toThrow(DidResolutionError);
    await expect(failure).rejects.toThrow(`no DID document for ${did} within 300 ms`);
  });

  it('stops when its caller’s signal aborts', async () => {
    const controller = new AbortController();
    const failure = createDidResolver(config.atproto).resolve(inject('silentDid'), {
      signal: controller.signal,
    });
    controller.abort();
    await expect(failure).rejects.toMatchObject({ name: 'AbortError' });
  });
});
