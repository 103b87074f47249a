/**
 * The builder's publishing configuration: the bucket and the KeyValueStore
 * are read and checked at start-up, together or not at all, and a bad
 * value fails naming its variable; without them the builder runs as before.
 */
import { describe, expect, it } from 'vitest';
import { BuilderConfigError, parseBuilderConfig } from '../../builder/config';
import { defaultLocalVars } from './local-vars';
import { LOCAL_KVS_ARN } from '../../scripts/local/kvs';

const base = {
  DYNAMODB_TABLE: 'nbhd',
  AWS_REGION: 'us-east-1',
  SITES_URL: 'https://oak.example',
  PUBLIC_URL: 'https://nbhd.example',
};
const arn = 'arn:aws:cloudfront::123456789012:key-value-store/0f1e2d3c-4b5a-4678-9abc-def012345678';

describe('parseBuilderConfig: publishing', () => {
  it('has no publishing without a bucket and a store', () => {
    expect(parseBuilderConfig(base).publishing).toBeUndefined();
    expect(
      parseBuilderConfig({ ...base, SITES_BUCKET: '', SITES_KVS_ARN: '' }).publishing,
    ).toBeUndefined();
  });

  it('reads the bucket, the store and their local endpoints', () => {
    const config = parseBuilderConfig({
      ...base,
      SITES_BUCKET: 'oak-sites',
      S3_ENDPOINT: 'http://127.0.0.1:4569/',
      SITES_KVS_ARN: arn,
      KVS_ENDPOINT: 'http://localhost:8791',
    });
    expect(config.publishing).toEqual({
      bucket: 'oak-sites',
      s3Endpoint: 'http://127.0.0.1:4569',
      kvsArn: arn,
      kvsEndpoint: 'http://localhost:8791',
    });
  });

  it('takes the local stack’s bucket and store', () => {
    const vars = defaultLocalVars();
    expect(parseBuilderConfig(vars).publishing).toEqual({
      bucket: 'nbhd-sites',
      s3Endpoint: 'http://127.0.0.1:8790',
      kvsArn: LOCAL_KVS_ARN,
      kvsEndpoint: 'http://localhost:8791',
    });
  });

  it.each([
    [{ SITES_BUCKET: 'Oak_Sites', SITES_KVS_ARN: arn }, 'SITES_BUCKET'],
    [{ SITES_BUCKET: 'oak-sites', SITES_KVS_ARN: 'arn:aws:s3:::oak-sites' }, 'SITES_KVS_ARN'],
    [{ SITES_BUCKET: 'oak-sites', SITES_KVS_ARN: arn, S3_ENDPOINT: 'nowhere' }, 'S3_ENDPOINT'],
    [{ SITES_BUCKET: 'oak-sites' }, 'SITES_BUCKET and SITES_KVS_ARN are set together'],
    [{ SITES_KVS_ARN: arn }, 'SITES_BUCKET and SITES_KVS_ARN are set together'],
  ])('refuses %j, naming %s', (vars, named) => {
    expect(() => parseBuilderConfig({ ...base, ...vars })).toThrow(BuilderConfigError);
    expect(() => parseBuilderConfig({ ...base, ...vars })).toThrow(named);
  });
});
