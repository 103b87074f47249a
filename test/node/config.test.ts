/**
 * Start-up configuration: a complete local configuration parses; anything
 * missing or malformed fails fast with a message that names the variable.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, type Env } from '../../edge/env';
import { localEdgeVars } from '../../scripts/local/edge';

const local = localEdgeVars({
  port: 8787,
  dynamoEndpoint: 'http://127.0.0.1:8000',
  table: 'nbhd',
  plcUrl: 'http://localhost:2582',
  pdsUrl: 'http://localhost:2583',
  builderPort: 8789,
  sitesPort: 8788,
}) as unknown as Env;

describe('parseConfig', () => {
  it('accepts the local stack’s variables as a loopback client over http', () => {
    const config = parseConfig(local);
    expect(config.publicUrl).toBe('http://127.0.0.1:8787');
    expect(config.secure).toBe(false);
    expect(config.atproto.allowHttp).toBe(true);
    expect(config.oauthPrivateKey).toBeUndefined();
  });

  it('marks an https site secure and keeps its OAuth key', () => {
    const config = parseConfig({
      ...local,
      PUBLIC_URL: 'https://oak.example/',
      OAUTH_PRIVATE_KEY: '{"kty":"EC"}',
    });
    expect(config.publicUrl).toBe('https://oak.example');
    expect(config.secure).toBe(true);
    expect(config.oauthPrivateKey).toBe('{"kty":"EC"}');
  });

  it.each([
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 32 characters'],
    [{ SESSION_SECRET: undefined }, 'SESSION_SECRET is not set'],
    [{ DYNAMODB_TABLE: '' }, 'DYNAMODB_TABLE is not set'],
    [{ DYNAMODB_ENDPOINT: 'dynamodb' }, 'DYNAMODB_ENDPOINT must be an absolute http(s) URL'],
    [{ ATPROTO_PLC_URL: 'ftp://plc.example' }, 'ATPROTO_PLC_URL must be an absolute http(s) URL'],
    [
      { PUBLIC_URL: 'https://oak.example' },
      'OAUTH_PRIVATE_KEY is required unless PUBLIC_URL is a loopback',
    ],
  ])('refuses %o with a message naming the variable', (change, message) => {
    expect(() => parseConfig({ ...local, ...change })).toThrow(message);
  });
});
