/**
 * A production (confidential) client publishes its metadata and public
 * keys; a loopback development client has none to publish.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import app from '../../edge/index';
import type { Env } from '../../edge/env';
import { bindings, get } from './support';

async function productionEnv(): Promise<Env> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'nbhd-2026', alg: 'ES256' };
  return {
    ...bindings,
    PUBLIC_URL: 'https://oak.example',
    OAUTH_PRIVATE_KEY: JSON.stringify(jwk),
    ATPROTO_ALLOW_HTTP: 'false',
  };
}

describe('client metadata and JWKS', () => {
  it('are not served by a loopback (development) client', async () => {
    expect((await get('/oauth-client-metadata.json')).status).toBe(404);
    expect((await get('/.well-known/jwks.json')).status).toBe(404);
  });

  it('describe a confidential web client using private_key_jwt and the atproto scope', async () => {
    const env = await productionEnv();
    const res = await app.request('https://oak.example/oauth-client-metadata.json', {}, env);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      client_id: 'https://oak.example/oauth-client-metadata.json',
      redirect_uris: ['https://oak.example/oauth/callback'],
      scope: 'atproto',
      application_type: 'web',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks_uri: 'https://oak.example/.well-known/jwks.json',
      dpop_bound_access_tokens: true,
    });
  });

  it('publish only the public half of the key', async () => {
    const env = await productionEnv();
    const res = await app.request('https://oak.example/.well-known/jwks.json', {}, env);
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'nbhd-2026' });
    expect(keys[0]).not.toHaveProperty('d');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });
});

describe('configuration', () => {
  it('refuses to run a non-loopback site without an OAuth key, with a message naming it', async () => {
    const env = { ...bindings, PUBLIC_URL: 'https://oak.example' };
    const res = await app.request('https://oak.example/', {}, env);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('OAUTH_PRIVATE_KEY');
  });
});
