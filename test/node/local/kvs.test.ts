/**
 * The local KeyValueStore holds the real service's line, spoken to with
 * the real SDK client: ETags that change on every write and must be named
 * to write, the service's size limits and error names, and a door that
 * opens only to a valid SigV4A signature for the local credentials.
 */
import { createHash, createHmac } from 'node:crypto';
import { get } from 'node:http';
import { SignatureV4a } from '@aws-sdk/signature-v4a';
import { AwsClient } from 'aws4fetch';
import {
  ConflictException,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateKeysCommand,
  ValidationException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvsClient } from '../../../builder/storage/live-pointer';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../scripts/local/dynamo';
import { KVS_LIMITS, startLocalKvs, type LocalKvs } from '../../../scripts/local/kvs';
import { freePort } from '../../../scripts/local/ports';

let kvs: LocalKvs;
let client: ReturnType<typeof kvsClient>;
let endpoint: string;

beforeAll(async () => {
  const port = await freePort();
  kvs = await startLocalKvs({ port, credentials: LOCAL_CREDENTIALS });
  endpoint = `http://localhost:${port}`;
  client = kvsClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
});
afterAll(() => kvs?.close());

const etag = async () =>
  (await client.send(new DescribeKeyValueStoreCommand({ KvsARN: kvs.arn }))).ETag!;

describe('the local KeyValueStore', () => {
  it('puts, gets, lists and deletes keys, with a new ETag after each write', async () => {
    const first = await etag();
    const put = await client.send(
      new PutKeyCommand({ KvsARN: kvs.arn, Key: 'alice', Value: 'd1', IfMatch: first }),
    );
    expect(put.ETag).not.toBe(first);
    expect(await etag()).toBe(put.ETag);
    const got = await client.send(new GetKeyCommand({ KvsARN: kvs.arn, Key: 'alice' }));
    expect(got).toMatchObject({ Key: 'alice', Value: 'd1' });

    const update = await client.send(
      new UpdateKeysCommand({
        KvsARN: kvs.arn,
        IfMatch: put.ETag,
        Puts: [
          { Key: 'bob', Value: 'd2' },
          { Key: 'carol', Value: 'd3' },
        ],
        Deletes: [{ Key: 'alice' }],
      }),
    );
    expect(update.ETag).not.toBe(put.ETag);
    const described = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: kvs.arn }));
    expect(described).toMatchObject({ ItemCount: 2, TotalSizeInBytes: 'bobd2carold3'.length });

    const page = await client.send(new ListKeysCommand({ KvsARN: kvs.arn, MaxResults: 1 }));
    expect(page.Items).toEqual([{ Key: 'bob', Value: 'd2' }]);
    const rest = await client.send(
      new ListKeysCommand({ KvsARN: kvs.arn, MaxResults: 1, NextToken: page.NextToken }),
    );
    expect(rest.Items).toEqual([{ Key: 'carol', Value: 'd3' }]);
    expect(rest.NextToken).toBeUndefined();

    const deleted = await client.send(
      new DeleteKeyCommand({ KvsARN: kvs.arn, Key: 'bob', IfMatch: update.ETag }),
    );
    expect(deleted.ETag).not.toBe(update.ETag);
    await expect(
      client.send(new GetKeyCommand({ KvsARN: kvs.arn, Key: 'bob' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses a write that names a stale ETag, and changes nothing', async () => {
    const stale = await etag();
    await client.send(
      new PutKeyCommand({ KvsARN: kvs.arn, Key: 'dan', Value: 'd1', IfMatch: stale }),
    );
    const error = await client
      .send(new PutKeyCommand({ KvsARN: kvs.arn, Key: 'dan', Value: 'd2', IfMatch: stale }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as ConflictException).$metadata.httpStatusCode).toBe(409);
    const got = await client.send(new GetKeyCommand({ KvsARN: kvs.arn, Key: 'dan' }));
    expect(got.Value).toBe('d1');
  });

  it('refuses a value over 1 KB and a key over 512 characters', async () => {
    const IfMatch = await etag();
    const big = 'x'.repeat(KVS_LIMITS.valueBytes + 1);
    await expect(
      client.send(new PutKeyCommand({ KvsARN: kvs.arn, Key: 'eve', Value: big, IfMatch })),
    ).rejects.toBeInstanceOf(ValidationException);
    // Bytes, not characters: 342 three-byte characters are 1026 bytes.
    await expect(
      client.send(
        new PutKeyCommand({ KvsARN: kvs.arn, Key: 'eve', Value: '€'.repeat(342), IfMatch }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      client.send(
        new PutKeyCommand({ KvsARN: kvs.arn, Key: 'k'.repeat(513), Value: 'v', IfMatch }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    expect(await etag()).toBe(IfMatch);
    await client.send(
      new PutKeyCommand({ KvsARN: kvs.arn, Key: 'eve', Value: 'x'.repeat(1024), IfMatch }),
    );
  });

  it('refuses more than 50 changes at once', async () => {
    const Puts = Array.from({ length: 51 }, (_, i) => ({ Key: `many-${i}`, Value: 'v' }));
    await expect(
      client.send(new UpdateKeysCommand({ KvsARN: kvs.arn, IfMatch: await etag(), Puts })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('refuses to grow past 5 MB', async () => {
    const other = await startLocalKvs({ port: await freePort(), credentials: LOCAL_CREDENTIALS });
    const url = new URL(other.url);
    const small = kvsClient({
      endpoint: `http://localhost:${url.port}`,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      const value = 'v'.repeat(1024);
      let error: unknown;
      let written = 0;
      for (let batch = 0; !error && batch < 200; batch++) {
        const { ETag } = await small.send(new DescribeKeyValueStoreCommand({ KvsARN: other.arn }));
        const Puts = Array.from({ length: 50 }, (_, i) => ({
          Key: `k${String(batch * 50 + i).padStart(507, '0')}`,
          Value: value,
        }));
        await small.send(new UpdateKeysCommand({ KvsARN: other.arn, IfMatch: ETag, Puts })).then(
          () => (written += 50),
          (e: unknown) => (error = e),
        );
      }
      expect(error).toBeInstanceOf(ServiceQuotaExceededException);
      const { TotalSizeInBytes } = await small.send(
        new DescribeKeyValueStoreCommand({ KvsARN: other.arn }),
      );
      expect(TotalSizeInBytes).toBe(written * (508 + 1024));
      expect(TotalSizeInBytes!).toBeLessThanOrEqual(KVS_LIMITS.storeBytes);
    } finally {
      small.destroy();
      await other.close();
    }
  });

  it('answers ResourceNotFoundException for another store', async () => {
    await expect(
      client.send(
        new DescribeKeyValueStoreCommand({
          KvsARN: kvs.arn.replace(/[0-9a-f]{12}$/, 'ffffffffffff'),
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('the local KeyValueStore door', () => {
  const describeUrl = () => `${kvs.url}/key-value-stores/${encodeURIComponent(kvs.arn)}`;

  it('opens to the SDK client signing with SigV4A', async () => {
    const res = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: kvs.arn }));
    expect(res.$metadata.httpStatusCode).toBe(200);
  });

  it('refuses an unsigned request with 403', async () => {
    const res = await fetch(describeUrl());
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
  });

  it('refuses a SigV4-signed request with 403', async () => {
    const aws = new AwsClient({
      ...LOCAL_CREDENTIALS,
      service: 'cloudfront-keyvaluestore',
      region: LOCAL_REGION,
    });
    const res = await aws.fetch(describeUrl());
    expect(res.status).toBe(403);
  });

  it('refuses a SigV4A signature made with another secret', async () => {
    const forger = kvsClient({
      endpoint,
      region: LOCAL_REGION,
      credentials: { accessKeyId: LOCAL_CREDENTIALS.accessKeyId, secretAccessKey: 'guessed' },
    });
    try {
      const error = await forger
        .send(new DescribeKeyValueStoreCommand({ KvsARN: kvs.arn }))
        .catch((e: unknown) => e as { $metadata: { httpStatusCode: number } });
      expect(error?.$metadata.httpStatusCode).toBe(403);
    } finally {
      forger.destroy();
    }
  });

  it('refuses a signed request whose body was changed on the way', async () => {
    const tampering = kvsClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    tampering.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body?: unknown; headers: Record<string, string> };
        const body = Buffer.from(request.body as string).toString();
        expect(body).toContain('"d1"');
        request.body = body.replace('"d1"', '"d9"');
        // A careful forger fixes up the body's hash too; only the signature can tell.
        if (request.headers['x-amz-content-sha256']) {
          request.headers['x-amz-content-sha256'] = createHash('sha256')
            .update(request.body as string)
            .digest('hex');
        }
        return next(args);
      },
      { step: 'deserialize' },
    );
    try {
      const error = await tampering
        .send(
          new PutKeyCommand({ KvsARN: kvs.arn, Key: 'frank', Value: 'd1', IfMatch: await etag() }),
        )
        .catch((e: unknown) => e as { $metadata: { httpStatusCode: number } });
      expect(error?.$metadata.httpStatusCode).toBe(403);
    } finally {
      tampering.destroy();
    }
  });

  it('answers only on the host that begins with the store’s account', async () => {
    /** SHA-256 (or HMAC-SHA256 with a secret) in the shape the signer wants. */
    type Data = string | ArrayBuffer | ArrayBufferView;
    const bytes = (d: Data) =>
      typeof d === 'string'
        ? d
        : d instanceof ArrayBuffer
          ? new Uint8Array(d)
          : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
    class Sha256 {
      private hash;
      constructor(secret?: Data) {
        this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
      }
      update(data: Data) {
        this.hash.update(bytes(data));
      }
      async digest() {
        return new Uint8Array(this.hash.digest());
      }
    }
    const signer = new SignatureV4a({
      credentials: LOCAL_CREDENTIALS,
      region: '*',
      service: 'cloudfront-keyvaluestore',
      sha256: Sha256,
    });
    const url = new URL(describeUrl());
    const send = async (host: string) => {
      const signed = await signer.sign(
        {
          method: 'GET',
          protocol: 'http:',
          hostname: url.hostname,
          port: Number(url.port),
          path: url.pathname,
          query: {},
          headers: { host },
        },
        {},
      );
      // node:http, as fetch will not send a Host of our choosing.
      return new Promise<number>((resolve, reject) =>
        get(
          { host: '127.0.0.1', port: url.port, path: url.pathname, headers: signed.headers },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        ).once('error', reject),
      );
    };
    // A well-signed request for the bare endpoint is the wrong door, not a bad signature.
    expect(await send(url.host)).toBe(404);
    const account = kvs.arn.split(':')[4];
    expect(await send(`${account}.localhost:${url.port}`)).toBe(200);
  });
});
