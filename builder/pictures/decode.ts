/**
 * One uploaded file made into pixels nbhd can resize, or refused with words
 * the member reads. Everything sharp's prebuilt libvips reads (JPEG, PNG,
 * WebP, GIF, whose first frame is used, and AVIF) goes straight to sharp;
 * HEIC, the format iPhones take, is HEVC inside HEIF, which that libvips
 * does not decode (no HEVC codec ships with it), so `heic-decode` (libheif
 * with libde265, as WebAssembly) turns it into raw pixels first. Sizes are
 * read from the header before any decoding, so a small file that claims
 * 20000 × 20000 pixels is refused without a byte of pixels being made;
 * sharp's `limitInputPixels` holds the same line should a header lie.
 */
import { createRequire } from 'node:module';
import sharp, { type Sharp } from 'sharp';
import {
  IMAGE_TYPE_NAMES,
  pictureLimits,
  sniffImageType,
  type ImageType,
} from '../../core/pictures';

const require = createRequire(import.meta.url);

/** A file that is not a picture nbhd can take; the message is for the member. */
export class PictureRefused extends Error {
  override name = 'PictureRefused';
}

interface HeicImage {
  width: number;
  height: number;
  decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}
type HeicDecode = {
  all(input: { buffer: Uint8Array }): Promise<HeicImage[] & { dispose(): void }>;
};

const million = (pixels: number) => `${Math.round(pixels / 1_000_000)} million`;

function checkPixels(name: string, width: number, height: number) {
  if (width * height > pictureLimits.pixels) {
    throw new PictureRefused(
      `${name} is ${width} × ${height} pixels (${million(width * height)}); a picture may have up to ${million(pictureLimits.pixels)}`,
    );
  }
}

const damaged = (name: string, type: ImageType) =>
  new PictureRefused(
    `${name} could not be read as a ${IMAGE_TYPE_NAMES[type]} picture: it may be damaged or cut short`,
  );

/** The image turned upright, as a sharp pipeline, with the type it was and its upright size. */
export interface Decoded {
  type: ImageType;
  image: Sharp;
  width: number;
  height: number;
}

async function decodeHeic(name: string, bytes: Uint8Array): Promise<Decoded> {
  const heic = require('heic-decode') as HeicDecode;
  let images;
  try {
    images = await heic.all({ buffer: bytes });
  } catch {
    throw damaged(name, 'heic');
  }
  try {
    const first = images[0]!;
    checkPixels(name, first.width, first.height);
    // libheif applies the file's rotation and mirroring as it decodes.
    const { width, height, data } = await first.decode();
    const image = sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      raw: { width, height, channels: 4 },
    });
    return { type: 'heic', image, width, height };
  } catch (error) {
    if (error instanceof PictureRefused) throw error;
    throw damaged(name, 'heic');
  } finally {
    images.dispose();
  }
}

export async function decodePicture(name: string, bytes: Uint8Array): Promise<Decoded> {
  const type = sniffImageType(bytes);
  if (!type) {
    const kinds = Object.values(IMAGE_TYPE_NAMES).join(', ');
    throw new PictureRefused(`${name} is not a picture nbhd can read (it takes ${kinds})`);
  }
  if (type === 'heic') return decodeHeic(name, bytes);
  const image = sharp(bytes, {
    limitInputPixels: pictureLimits.pixels,
    // A file cut short is refused, not shown with a grey band.
    failOn: 'truncated',
  });
  let meta;
  try {
    // The header alone, read without the pixel limit so the refusal can give the size.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw damaged(name, type);
  }
  // A GIF's height counts every frame; its first frame alone is used.
  const height = meta.pageHeight ?? meta.height;
  checkPixels(name, meta.width, height);
  const upright = (meta.orientation ?? 1) >= 5;
  // Turned upright by its EXIF orientation (which, like all metadata, is then dropped).
  return {
    type,
    image: image.autoOrient(),
    width: upright ? height : meta.width,
    height: upright ? meta.width : height,
  };
}
