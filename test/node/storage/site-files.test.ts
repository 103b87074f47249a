/**
 * A deploy's files in the bucket, through the real S3 client against the
 * local S3 (s3rver in its own process): they land with their bytes, types
 * and cache policies; an S3 that goes away mid-upload fails the upload
 * with a named error; and deleting a deploy removes its files only.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployPrefix } from '../../../core/live-pointer';
import {
  deleteDeploy,
  FOREVER_CACHE,
  s3Client,
  SHORT_CACHE,
  SiteUploadError,
  uploadSiteFiles,
  type SiteBucket,
  type SiteFile,
} from '../../../builder/storage/site-files';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../scripts/local/dynamo';
import { freePort } from '../../../scripts/local/ports';
import { startLocalS3, type LocalS3 } from '../../../scripts/local/s3';

const BUCKET = 'nbhd-sites-test';
let s3: LocalS3;
let bucket: SiteBucket;

const start = async () =>
  startLocalS3({ port: await freePort(), bucket: BUCKET, credentials: LOCAL_CREDENTIALS });
const connect = (local: LocalS3): SiteBucket => ({
  client: s3Client({
    region: LOCAL_REGION,
    endpoint: local.endpoint,
    credentials: LOCAL_CREDENTIALS,
  }),
  bucket: local.bucket,
});

beforeAll(async () => {
  s3 = await start();
  bucket = connect(s3);
});
afterAll(async () => {
  bucket?.client.destroy();
  await s3?.close();
});

const text = (s: string) => new TextEncoder().encode(s);

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await bucket.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

describe('uploading a deploy', () => {
  it('puts every file under the deploy’s prefix with its bytes, type and cache policy', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 1, 2]);
    const files: SiteFile[] = [
      { path: 'index.html', body: text('<h1>Bees</h1>') },
      { path: 'posts/hello/index.html', body: text('<p>Hello</p>') },
      { path: 'feed.xml', body: text('<rss/>') },
      { path: 'style.3f9a1c2b.css', body: text('body{}') },
      { path: 'logo.0123abcd4567.png', body: png },
    ];
    const report = await uploadSiteFiles(bucket, 'bees', 'd1', files);
    expect(report).toEqual({
      files: 5,
      bytes: files.reduce((n, f) => n + f.body.byteLength, 0),
    });
    const expected = {
      'index.html': ['text/html; charset=utf-8', SHORT_CACHE],
      'posts/hello/index.html': ['text/html; charset=utf-8', SHORT_CACHE],
      'feed.xml': ['application/rss+xml', SHORT_CACHE],
      'style.3f9a1c2b.css': ['text/css; charset=utf-8', FOREVER_CACHE],
      'logo.0123abcd4567.png': ['image/png', FOREVER_CACHE],
    } as const;
    for (const file of files) {
      const object = await bucket.client.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: `sites/bees/d1/${file.path}` }),
      );
      const [type, cache] = expected[file.path as keyof typeof expected];
      expect(object.ContentType, file.path).toBe(type);
      expect(object.CacheControl, file.path).toBe(cache);
      expect(await object.Body!.transformToByteArray(), file.path).toEqual(file.body);
    }
  });

  it('fails with a SiteUploadError naming how many files failed when S3 stops mid-upload', async () => {
    const dying = await start();
    const target = connect(dying);
    let done = 0;
    target.client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        // The twentieth finished upload pulls the plug; others are still in flight.
        if (++done === 20) dying.process.kill('SIGKILL');
        return result;
      },
      { step: 'initialize' },
    );
    const files = Array.from({ length: 300 }, (_, i) => ({
      path: `posts/${i}/index.html`,
      body: new Uint8Array(16 * 1024).fill(i % 256),
    }));
    try {
      const error = await uploadSiteFiles(target, 'bees', 'd-dying', files).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SiteUploadError);
      const failure = error as SiteUploadError;
      expect(failure.uploaded).toBeGreaterThanOrEqual(20);
      expect(failure.uploaded).toBeLessThan(300);
      expect(failure.failures.length).toBeGreaterThan(0);
      expect(failure.message).toContain(`${failure.failures.length} of 300 files failed`);
    } finally {
      target.client.destroy();
      await dying.close();
    }
  });
});

describe('deleting a deploy', () => {
  it('removes every file of that deploy, over several pages, and nothing else', async () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      path: `posts/${i}/index.html`,
      body: text(`post ${i}`),
    }));
    await uploadSiteFiles(bucket, 'wasps', 'old', many);
    await uploadSiteFiles(bucket, 'wasps', 'new', many.slice(0, 3));
    await uploadSiteFiles(bucket, 'wasps-two', 'old', many.slice(0, 2));
    // A deploy id that begins like another's must not be caught by its prefix.
    await uploadSiteFiles(bucket, 'wasps', 'older', many.slice(0, 2));
    await bucket.client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'sites/wasps/old', Body: 'not in the deploy' }),
    );

    expect(await deleteDeploy(bucket, 'wasps', 'old', { pageSize: 5 })).toBe(23);

    expect(await keysUnder(deployPrefix('wasps', 'old'))).toEqual([]);
    expect(await keysUnder(deployPrefix('wasps', 'new'))).toHaveLength(3);
    expect(await keysUnder(deployPrefix('wasps', 'older'))).toHaveLength(2);
    expect(await keysUnder(deployPrefix('wasps-two', 'old'))).toHaveLength(2);
    expect(await keysUnder('sites/wasps/old')).toContain('sites/wasps/old');
    expect(await deleteDeploy(bucket, 'wasps', 'old')).toBe(0);
  });
});
