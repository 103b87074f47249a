/**
 * An export keeps a site's pictures: each original as uploaded, named for its id and its
 * (made safe) file name, its processed files as served, and their descriptions in
 * `source/pictures.json`; on a real dynalite and local S3.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { safeFileName } from '../../../builder/export/pictures';
import { originalPictureKey, pictureFileNames, processedPictureKey } from '../../../core/pictures';
import { pictureRecord, type Picture } from '../../../core/records/pictures';
import { createSite } from '../../../edge/db/sites';
import { findTemplate } from '../../../templates';
import { defaultSettings } from '../../../templates/settings';
import { startExportFixture, type ExportFixture } from './support';

let f: ExportFixture;
const now = '2026-11-30T10:00:00.000Z';
const sungold: Picture = {
  id: 'sungold',
  site: 'moths',
  description: 'A ripe Sungold on the vine',
  fileName: 'IMG 2041 (1).HEIC',
  type: 'heic',
  upload: 'up1',
  bytes: 9,
  key: 'a1b2c3d4e5f6a7b8',
  width: 4032,
  height: 3024,
  widths: [480, 960],
  fallback: 'jpeg',
  processedBytes: 40,
  createdAt: now,
  updatedAt: now,
  version: 1,
};
const original = new Uint8Array([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 7]);

beforeAll(async () => {
  f = await startExportFixture();
  await createSite(
    f.db,
    {
      name: 'moths',
      ownerDid: 'did:plc:mothsaaaaaaaaaaaaaaaaaaaa',
      template: 'blog',
      settings: defaultSettings(findTemplate('blog')!.settings),
    },
    10,
  );
  await f.db.put(pictureRecord(sungold));
  const { client, bucket } = f.services.publishing.bucket;
  const put = (Key: string, Body: Uint8Array) =>
    client.send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
  await put(originalPictureKey('moths', 'up1'), original);
  for (const file of pictureFileNames(sungold)) {
    await put(processedPictureKey('moths', file), new TextEncoder().encode(file));
  }
});
afterAll(() => f?.close());

it('holds the originals, the processed files and the descriptions', async () => {
  const answer = await f.handler({ kind: 'export', site: 'moths' });
  if (answer.kind !== 'export') throw new Error(`expected an export, got ${answer.kind}`);
  const files = unzipSync(new Uint8Array(await (await fetch(answer.url)).arrayBuffer()));
  const originalPath = 'pictures/originals/sungold-IMG_2041_1_.HEIC';
  expect(files[originalPath]).toEqual(original);
  const processed = pictureFileNames(sungold).map((file) => `pictures/${file}`);
  expect(processed).toHaveLength(4);
  for (const path of processed) {
    expect(strFromU8(files[path]!)).toBe(path.slice('pictures/'.length));
  }
  expect(JSON.parse(strFromU8(files['source/pictures.json']!))).toEqual([
    {
      id: 'sungold',
      description: 'A ripe Sungold on the vine',
      reference: 'picture:sungold',
      original: originalPath,
      width: 4032,
      height: 3024,
      files: processed,
    },
  ]);
});

it('makes a file name safe as one path segment', () => {
  expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
  expect(safeFileName('Café au lait.jpg')).toBe('Cafe_au_lait.jpg');
  expect(safeFileName('...')).toBe('picture');
});
