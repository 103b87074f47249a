/**
 * Pictures as phones and computers send them, made here with sharp: a
 * 12-megapixel photo with its camera, serial number and place in EXIF and
 * an orientation flag; PNGs with and without transparency; a GIF; a file
 * cut short; a "decompression bomb" (a small PNG whose header claims
 * 20000 × 20000 pixels); and what each processed file holds besides pixels.
 */
import sharp from 'sharp';
import { pngChunk } from '../../../scripts/local/png';

/** Pixels that do not compress to nothing, as a photo's do not. */
function noise(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919 + (i >> 12)) % 251;
  return pixels;
}

/** A 4000 × 3000 phone photo taken on its side (orientation 6), with GPS and camera in EXIF. */
export const phonePhoto = () =>
  sharp(noise(4000, 3000), { raw: { width: 4000, height: 3000, channels: 3 } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'Pocket 12' },
      IFD2: { BodySerialNumber: 'SN123456' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();

export const transparentPng = () =>
  sharp({
    create: {
      width: 800,
      height: 600,
      channels: 4,
      background: { r: 10, g: 90, b: 40, alpha: 0.5 },
    },
  })
    .png()
    .toBuffer();

/** A PNG with an alpha channel that is opaque everywhere: its fallback can be a JPEG. */
export const opaquePng = () =>
  sharp({ create: { width: 300, height: 200, channels: 4, background: '#336699ff' } })
    .png()
    .toBuffer();

export const gif = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: '#c84' } })
    .gif()
    .toBuffer();

/** A 60-byte PNG whose header says 20000 × 20000 pixels (400 million): a decompression bomb. */
export function pngBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20000, 0);
  header.writeUInt32BE(20000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Whatever a processed file carries besides its pixels, as sharp reads it. */
export async function metadataLeft(file: Buffer) {
  const meta = await sharp(file).metadata();
  return {
    exif: meta.exif,
    xmp: meta.xmp,
    icc: meta.icc,
    iptc: meta.iptc,
    orientation: meta.orientation,
  };
}
