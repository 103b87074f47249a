/**
 * Start-up configuration: a complete local configuration parses; anything
 * missing or malformed fails fast with a message that names the variable.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, type Env } from '../../edge/env';
import { defaultLocalVars } from './local-vars';

const local = defaultLocalVars() as unknown as Env;

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
      ATPROTO_ALLOW_HTTP: 'false',
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
    [
      { PUBLIC_URL: 'https://oak.example', OAUTH_PRIVATE_KEY: '{"kty":"EC"}' },
      'ATPROTO_ALLOW_HTTP may be true only when PUBLIC_URL is a loopback',
    ],
  ])('refuses %o with a message naming the variable', (change, message) => {
    expect(() => parseConfig({ ...local, ...change })).toThrow(message);
  });
});

describe('parseConfig: the builder’s key and region', () => {
  it('signs builder invocations with the DynamoDB key and region when its own are unset', () => {
    const config = parseConfig({ ...local, BUILDER_ACCESS_KEY_ID: '', BUILDER_REGION: '' });
    expect(config.builder).toEqual({
      endpoint: 'http://127.0.0.1:8789',
      functionName: local.BUILDER_FUNCTION,
      region: local.AWS_REGION,
      accessKeyId: local.AWS_ACCESS_KEY_ID,
      secretAccessKey: local.AWS_SECRET_ACCESS_KEY,
    });
  });

  it('takes the region from a Lambda endpoint before falling back to AWS_REGION', () => {
    const config = parseConfig({
      ...local,
      AWS_REGION: 'us-east-1',
      BUILDER_URL: 'https://lambda.eu-west-1.amazonaws.com',
    });
    expect(config.builder.region).toBe('eu-west-1');
    expect(config.dynamo.region).toBe('us-east-1');
  });

  it('uses the builder’s own key and region when they are set, leaving DynamoDB’s alone', () => {
    const config = parseConfig({
      ...local,
      BUILDER_URL: 'https://lambda.eu-west-1.amazonaws.com',
      BUILDER_ACCESS_KEY_ID: 'AKIABUILDER',
      BUILDER_SECRET_ACCESS_KEY: 'builder-secret',
      BUILDER_REGION: 'eu-central-1',
    });
    expect(config.builder).toMatchObject({
      region: 'eu-central-1',
      accessKeyId: 'AKIABUILDER',
      secretAccessKey: 'builder-secret',
    });
    expect(config.dynamo).toMatchObject({
      region: local.AWS_REGION,
      accessKeyId: local.AWS_ACCESS_KEY_ID,
      secretAccessKey: local.AWS_SECRET_ACCESS_KEY,
    });
  });

  it.each([
    [{ BUILDER_ACCESS_KEY_ID: 'AKIABUILDER' }, 'BUILDER_SECRET_ACCESS_KEY is not set'],
    [{ BUILDER_SECRET_ACCESS_KEY: 'builder-secret' }, 'BUILDER_ACCESS_KEY_ID is not set'],
    [
      { BUILDER_ACCESS_KEY_ID: 'AKIABUILDER', BUILDER_SECRET_ACCESS_KEY: '' },
      'BUILDER_SECRET_ACCESS_KEY is not set',
    ],
  ])('refuses half a key pair, %o, naming the missing variable', (change, message) => {
    expect(() => parseConfig({ ...local, ...change })).toThrow(message);
  });
});
