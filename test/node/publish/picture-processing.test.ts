/**
 * The builder makes uploaded pictures into the files visitors get, with the
 * real sharp and the local S3: a phone photo comes out upright, in its
 * widths (never wider than it was), with no EXIF, GPS, camera or serial
 * left, the same bytes every time; transparency keeps a PNG fallback; a
 * GIF is a still; a file cut short, a decompression bomb and a file that
 * is no picture are refused by name and leave nothing behind; and
 * forgetting a picture deletes exactly its files.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuilderResponse } from '../../../core/builder-protocol';
import { originalPictureKey, originalsPrefix } from '../../../core/pictures';
import {
  gif,
  metadataLeft,
  opaquePng,
  phonePhoto,
  pngBomb,
  transparentPng,
} from './picture-support';
import { startPublishFixture, type PublishFixture } from './support';

let f: PublishFixture;
let photo: Buffer;
let uploads = 0;

beforeAll(async () => {
  f = await startPublishFixture();
  photo = await phonePhoto();
}, 120_000);
afterAll(() => f?.close());

const bucket = () => f.services.publishing.bucket;

async function keys(prefix: string): Promise<string[]> {
  const page = await bucket().client.send(
    new ListObjectsV2Command({ Bucket: bucket().bucket, Prefix: prefix }),
  );
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}

async function object(key: string) {
  const got = await bucket().client.send(
    new GetObjectCommand({ Bucket: bucket().bucket, Key: key }),
  );
  return { body: Buffer.from(await got.Body!.transformToByteArray()), got };
}

/** Puts `bytes` where the edge puts an upload's original, and asks the builder to process it. */
async function upload(site: string, files: { name: string; bytes: Buffer }[]) {
  const sent = [];
  for (const file of files) {
    const id = `upload-${String(++uploads).padStart(6, '0')}`;
    await bucket().client.send(
      new PutObjectCommand({
        Bucket: bucket().bucket,
        Key: originalPictureKey(site, id),
        Body: file.bytes,
      }),
    );
    sent.push({ upload: id, name: file.name });
  }
  const answer = (await f.handler({ kind: 'pictures', site, uploads: sent })) as Extract<
    BuilderResponse,
    { kind: 'pictures' }
  >;
  expect(answer.kind).toBe('pictures');
  return answer.results;
}

const processed = <T extends { outcome: string }>(r: T) => {
  if (r.outcome !== 'processed') throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { outcome: 'processed' }>;
};

describe('a phone photo', () => {
  it('comes out upright, in its widths, with nothing of its metadata', async () => {
    const [result] = await upload('photos', [{ name: 'IMG_2041.JPG', bytes: photo }]);
    const p = processed(result!);
    // Taken on its side: 4000 × 3000 stored, 3000 × 4000 upright.
    expect(p).toMatchObject({ type: 'jpeg', width: 3000, height: 4000, widths: [480, 960, 1600] });
    expect(p.fallback).toBe('jpeg');
    expect(p.bytes).toBe(photo.byteLength);
    expect(p.key).toMatch(/^[0-9a-f]{16}$/);
    const files = await keys(`sites/photos/_pictures/${p.key}-`);
    expect(files.map((k) => k.split('/').pop())).toEqual(
      ['1600.jpg', '1600.webp', '480.jpg', '480.webp', '960.jpg', '960.webp'].map(
        (n) => `${p.key}-${n}`,
      ),
    );
    let total = 0;
    for (const key of files) {
      const { body, got } = await object(key);
      total += body.byteLength;
      const meta = await sharp(body).metadata();
      const width = Number(/-(\d+)\./.exec(key)![1]);
      expect({ key, width: meta.width, height: meta.height }).toEqual({
        key,
        width,
        height: Math.round((width * 4000) / 3000),
      });
      expect(await metadataLeft(body)).toEqual({
        exif: undefined,
        xmp: undefined,
        icc: undefined,
        iptc: undefined,
        orientation: undefined,
      });
      if (key.endsWith('.jpg')) expect(await exifr.parse(body, true)).toBeUndefined();
      expect(got.CacheControl).toBe('public, max-age=31536000, immutable');
      expect(got.ContentType).toBe(key.endsWith('.webp') ? 'image/webp' : 'image/jpeg');
    }
    expect(p.processedBytes).toBe(total);
    // The original is kept, private, for the export.
    expect(await keys(originalsPrefix('photos'))).toHaveLength(1);
  }, 60_000);

  it('gives the same files, byte for byte, when processed again', async () => {
    const [first] = await upload('twice', [{ name: 'a.jpg', bytes: photo }]);
    const one = processed(first!);
    const bodies = await Promise.all((await keys(`sites/twice/_pictures/${one.key}-`)).map(object));
    const [second] = await upload('twice', [{ name: 'b.jpg', bytes: photo }]);
    expect(processed(second!).key).toBe(one.key);
    const again = await Promise.all((await keys(`sites/twice/_pictures/${one.key}-`)).map(object));
    expect(again.map((o) => o.body)).toEqual(bodies.map((o) => o.body));
  }, 60_000);
});

describe('other kinds of picture', () => {
  it('keeps transparency with a PNG fallback, and makes an opaque PNG and a GIF into JPEGs', async () => {
    const results = await upload('kinds', [
      { name: 'plan.png', bytes: await transparentPng() },
      { name: 'flat.png', bytes: await opaquePng() },
      { name: 'wave.gif', bytes: await gif() },
    ]);
    const [plan, flat, wave] = results.map(processed);
    expect(plan).toMatchObject({ type: 'png', fallback: 'png', width: 800, widths: [480, 800] });
    const png = await object(`sites/kinds/_pictures/${plan!.key}-800.png`);
    expect((await sharp(png.body).metadata()).hasAlpha).toBe(true);
    expect(flat).toMatchObject({ type: 'png', fallback: 'jpeg', width: 300, widths: [300] });
    expect(wave).toMatchObject({ type: 'gif', fallback: 'jpeg', width: 640, height: 480 });
  }, 60_000);
});

describe('a HEIC photo, as iPhones take them', () => {
  // Made once with libheif's `heif-enc -q 50` from a 320 × 240 green PNG with a red
  // 100 × 60 rectangle at (10, 10): no HEIC encoder is needed to run the tests.
  const heic = readFileSync(
    fileURLToPath(new URL('../../fixtures/red-square.heic', import.meta.url)),
  );

  it('is decoded and made into WebP and JPEG with its colours', async () => {
    const [result] = await upload('heic', [{ name: 'IMG_0001.HEIC', bytes: heic }]);
    const p = processed(result!);
    expect(p).toMatchObject({
      type: 'heic',
      width: 320,
      height: 240,
      widths: [320],
      fallback: 'jpeg',
    });
    const { body } = await object(`sites/heic/_pictures/${p.key}-320.jpg`);
    const red = await sharp(body)
      .extract({ left: 30, top: 30, width: 1, height: 1 })
      .raw()
      .toBuffer();
    const green = await sharp(body)
      .extract({ left: 250, top: 200, width: 1, height: 1 })
      .raw()
      .toBuffer();
    const near = (pixel: Buffer, rgb: number[]) =>
      [...pixel].every((v, i) => Math.abs(v - rgb[i]!) < 24);
    expect(near(red, [0xcc, 0x33, 0x33])).toBe(true);
    expect(near(green, [0x33, 0xaa, 0x77])).toBe(true);
    expect(await metadataLeft(body)).toMatchObject({ exif: undefined, icc: undefined });
  }, 60_000);
});

describe('files that are refused', () => {
  it('names each one, leaves nothing behind, and processes the rest', async () => {
    const results = await upload('refused', [
      { name: 'half.jpg', bytes: photo.subarray(0, Math.floor(photo.byteLength / 2)) },
      { name: 'bomb.png', bytes: pngBomb() },
      { name: 'notes.jpg', bytes: Buffer.from('just some words, not a photo') },
      { name: 'fine.png', bytes: await opaquePng() },
    ]);
    expect(results.slice(0, 3)).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        problem: 'half.jpg could not be read as a picture: it may be damaged or cut short',
      }),
      expect.objectContaining({
        outcome: 'refused',
        problem:
          'bomb.png is 20000 × 20000 pixels (400 million); a picture may have up to 50 million',
      }),
      expect.objectContaining({
        outcome: 'refused',
        problem: expect.stringMatching(/^notes\.jpg is not a picture nbhd can read/),
      }),
    ]);
    const fine = processed(results[3]!);
    expect(await keys(originalsPrefix('refused'))).toEqual([
      originalPictureKey('refused', fine.upload),
    ]);
    expect((await keys('sites/refused/_pictures/')).every((k) => k.includes(fine.key))).toBe(true);
  }, 60_000);
});

describe('forgetting', () => {
  it('deletes the original, and the processed files only when asked', async () => {
    const [a, b] = (
      await upload('forget', [
        { name: 'one.png', bytes: await transparentPng() },
        { name: 'two.png', bytes: await opaquePng() },
      ])
    ).map(processed);
    let answer = await f.handler({
      kind: 'forget-pictures',
      site: 'forget',
      pictures: [{ upload: b!.upload }],
    });
    expect(answer).toEqual({ kind: 'forgotten', files: 1 });
    expect(await keys(`sites/forget/_pictures/${b!.key}-`)).toHaveLength(2);
    answer = await f.handler({
      kind: 'forget-pictures',
      site: 'forget',
      pictures: [{ upload: a!.upload, key: a!.key }],
    });
    expect(answer).toEqual({ kind: 'forgotten', files: 1 + 4 });
    expect(await keys(`sites/forget/_pictures/${a!.key}-`)).toEqual([]);
    expect(await keys(originalsPrefix('forget'))).toEqual([]);
  }, 60_000);
});
