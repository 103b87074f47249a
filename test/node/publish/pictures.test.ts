/**
 * A site's pictures from end to end, without the processing: a PICTURE#
 * record in dynalite and its files in the local S3 where processing puts
 * them (`sites/<site>/_pictures/`). The builder reads the record with the
 * site, so the preview and the published page show the picture; the
 * preview answers `/_pictures/<file>` from the bucket, and the site host
 * serves it beside the live deploy, cached for a year.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOREVER_CACHE } from '../../../builder/storage/site-files';
import type { BuilderResponse } from '../../../core/builder-protocol';
import { pictureFileNames, processedPictureKey } from '../../../core/pictures';
import { pictureRecord, type Picture } from '../../../core/records/pictures';
import { createItem } from '../../../edge/db/items';
import { itemContent } from '../../support/item-content';
import { publish, startPublishFixture, visit, type PublishFixture } from './support';

let f: PublishFixture;

const hive: Picture = {
  id: 'hive',
  site: 'bees',
  description: 'The hive in the apple tree',
  fileName: 'IMG_2041.JPG',
  type: 'jpeg',
  upload: 'upload-0001',
  bytes: 1234,
  key: '0123456789abcdef',
  width: 800,
  height: 600,
  widths: [480, 800],
  fallback: 'jpeg',
  processedBytes: 4 * 11,
  createdAt: '2026-05-01T12:00:00.000Z',
  updatedAt: '2026-05-01T12:00:00.000Z',
  version: 1,
};

/** What each processed file holds here: its own name, so a test can tell them apart. */
const bytesOf = (file: string) => `bytes of ${file}`;

beforeAll(async () => {
  f = await startPublishFixture();
  await f.db.put(pictureRecord(hive));
  const { client, bucket } = f.services.publishing.bucket;
  for (const file of pictureFileNames(hive)) {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: processedPictureKey('bees', file),
        Body: bytesOf(file),
        ContentType: file.endsWith('.webp') ? 'image/webp' : 'image/jpeg',
        CacheControl: FOREVER_CACHE,
      }),
    );
  }
  await createItem(
    f.db,
    'bees',
    itemContent({ title: 'The hive', slug: 'the-hive', body: 'Look: ![](picture:hive)' }),
  );
}, 120_000);
afterAll(() => f?.close());

const preview = (path: string) => f.handler({ kind: 'preview', site: 'bees', path });

const decoded = (answer: BuilderResponse) => {
  if (answer.kind !== 'file') throw new Error(`answered ${answer.kind}`);
  return { ...answer, body: Buffer.from(answer.body, 'base64').toString('utf8') };
};

describe('a site’s pictures, read with the site', () => {
  it('shows in the preview, its files relative to the page', async () => {
    const page = decoded(await preview('/posts/the-hive/'));
    expect(page.status).toBe(200);
    expect(page.body).toContain(
      '<source type="image/webp" srcset="../../_pictures/0123456789abcdef-480.webp 480w, ../../_pictures/0123456789abcdef-800.webp 800w"',
    );
    expect(page.body).toContain('width="800" height="600" alt="The hive in the apple tree"');
  });

  it('has its files answered by the preview from the bucket', async () => {
    const file = '0123456789abcdef-800.webp';
    const answer = decoded(await preview(`/_pictures/${file}`));
    expect(answer).toMatchObject({ status: 200, contentType: 'image/webp', body: bytesOf(file) });
    const jpeg = decoded(await preview('/_pictures/0123456789abcdef-480.jpg'));
    expect([jpeg.contentType, jpeg.body]).toEqual([
      'image/jpeg',
      bytesOf('0123456789abcdef-480.jpg'),
    ]);
  });

  it('answers the site’s 404 page in the preview for a picture file it does not hold', async () => {
    for (const path of ['/_pictures/0123456789abcdef-1600.webp', '/_pictures/notes.txt']) {
      const answer = decoded(await preview(path));
      expect(answer.status, path).toBe(404);
      expect(answer.contentType, path).toBe('text/html; charset=utf-8');
    }
  });

  it('is served beside the live deploy once published, cached for a year', async () => {
    const { answer } = await publish(f);
    expect(answer).toEqual({ kind: 'deploy', state: 'live' });
    const page = await visit(f, 'bees', '/posts/the-hive/');
    expect(page.body).toContain('src="../../_pictures/0123456789abcdef-800.jpg"');
    const file = '0123456789abcdef-800.jpg';
    const picture = await visit(f, 'bees', `/_pictures/${file}`);
    expect(picture).toEqual({
      status: 200,
      type: 'image/jpeg',
      cache: FOREVER_CACHE,
      body: bytesOf(file),
    });
    expect((await visit(f, 'bees', '/_pictures/0123456789abcdef-1600.jpg')).status).toBe(404);
  });
});
