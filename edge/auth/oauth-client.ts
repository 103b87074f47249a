/**
 * Builds the AT Protocol OAuth client for this deployment. With an
 * `OAUTH_PRIVATE_KEY` it is a confidential web client (`private_key_jwt`)
 * whose metadata and public keys the Worker serves; without one it is a
 * loopback client, which AT Protocol servers accept only for development.
 * It asks for the `atproto` scope alone: nbhd reads public profile records
 * and needs no permission to write to anyone's repository.
 */
import { JoseKey } from '@atproto/jwk-jose';
import {
  NodeOAuthClient,
  type NodeOAuthClientOptions,
  type OAuthClientMetadataInput,
} from '@atproto/oauth-client-node';
import type { Dynamo } from '../db/dynamo';
import { createRequestLock, createSessionStore, createStateStore } from '../db/oauth-store';
import type { Config } from '../env';
import { createDidResolver } from './did-resolver';
import { fetchWithin, OAUTH_TIMEOUT_MS } from './fetch';

export const OAUTH_SCOPE = 'atproto';
export const CALLBACK_PATH = '/oauth/callback';
export const CLIENT_METADATA_PATH = '/oauth-client-metadata.json';
export const JWKS_PATH = '/.well-known/jwks.json';

export function clientMetadata(config: Config): OAuthClientMetadataInput {
  const redirectUri = `${config.publicUrl}${CALLBACK_PATH}` as const;
  const common = {
    redirect_uris: [redirectUri] as [typeof redirectUri],
    scope: OAUTH_SCOPE,
    grant_types: ['authorization_code', 'refresh_token'] as ['authorization_code', 'refresh_token'],
    response_types: ['code'] as ['code'],
    dpop_bound_access_tokens: true,
  };
  if (!config.oauthPrivateKey) {
    const query = new URLSearchParams({ redirect_uri: redirectUri, scope: OAUTH_SCOPE });
    return {
      ...common,
      client_id: `http://localhost?${query}`,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
    };
  }
  return {
    ...common,
    client_id: `${config.publicUrl}${CLIENT_METADATA_PATH}`,
    client_name: 'nbhd',
    client_uri: config.publicUrl,
    application_type: 'web',
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks_uri: `${config.publicUrl}${JWKS_PATH}`,
  };
}

export async function createOAuthClient(config: Config, db: Dynamo): Promise<NodeOAuthClient> {
  const keyset = config.oauthPrivateKey
    ? [await JoseKey.fromImportable(config.oauthPrivateKey)]
    : undefined;
  return new NodeOAuthClient({
    clientMetadata: clientMetadata(config),
    keyset,
    stateStore: createStateStore(db),
    sessionStore: createSessionStore(db),
    requestLock: createRequestLock(db),
    handleResolver: config.atproto.handleResolver,
    // Ours returns the same validated documents; the library's type is only narrower in form.
    didResolver: createDidResolver(config.atproto) as NodeOAuthClientOptions['didResolver'],
    fetch: fetchWithin(OAUTH_TIMEOUT_MS),
    allowHttp: config.atproto.allowHttp,
  });
}
