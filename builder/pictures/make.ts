/**
 * One picture made into the files visitors get: each width of
 * `pictureWidths` (never wider than the picture) in WebP and in a fallback
 * (JPEG, or PNG when the picture has transparency), in sRGB (sharp turns
 * any embedded colour profile into sRGB, so colours stay right once the
 * profile is gone), with no metadata at all: sharp writes none unless
 * asked, so no place, camera, serial number or date leaves the original.
 * The files are named by a hash of the original's bytes and are the same
 * bytes every time for the same original, so they can be cached forever.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import {
  PICTURE_CONTENT_TYPES,
  PICTURE_WIDTHS,
  pictureFileName,
  pictureWidths,
  type FallbackFormat,
  type ImageType,
} from '../../core/pictures';
import { decodePicture, PictureRefused } from './decode';

// One picture at a time, and nothing kept between them: the Lambda's memory is for this one.
sharp.concurrency(1);
sharp.cache(false);

export interface MadeFile {
  name: string;
  body: Buffer;
  contentType: string;
}

export interface MadePicture {
  type: ImageType;
  key: string;
  width: number;
  height: number;
  widths: number[];
  fallback: FallbackFormat;
  files: MadeFile[];
}

/** The original's content hash as file names carry it: 16 hex digits of its SHA-256. */
export const pictureKeyOf = (bytes: Uint8Array) =>
  createHash('sha256').update(bytes).digest('hex').slice(0, 16);

const LARGEST = PICTURE_WIDTHS[PICTURE_WIDTHS.length - 1]!;

export async function makePicture(name: string, bytes: Uint8Array): Promise<MadePicture> {
  const decoded = await decodePicture(name, bytes);
  let top;
  try {
    // Once, at the largest width made; the smaller ones come from these pixels.
    top = await decoded.image
      .resize({ width: LARGEST, withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new PictureRefused(
      `${name} could not be read as a picture: it may be damaged or cut short`,
    );
  }
  const raw = { width: top.info.width, height: top.info.height, channels: top.info.channels };
  const pixels = () => sharp(top.data, { raw });
  const transparent = raw.channels === 4 && !(await pixels().stats()).isOpaque;
  const fallback: FallbackFormat = transparent ? 'png' : 'jpeg';
  const widths = pictureWidths(decoded.width);
  const key = pictureKeyOf(bytes);
  const files: MadeFile[] = [];
  for (const width of widths) {
    const sized = () => {
      const image = pixels().resize({ width: Math.min(width, raw.width) });
      return transparent ? image : image.removeAlpha();
    };
    files.push({
      name: pictureFileName(key, width, 'webp'),
      body: await sized().webp({ quality: 78, effort: 4 }).toBuffer(),
      contentType: PICTURE_CONTENT_TYPES.webp,
    });
    files.push({
      name: pictureFileName(key, width, fallback),
      body:
        fallback === 'png'
          ? await sized().png({ compressionLevel: 9 }).toBuffer()
          : await sized().jpeg({ quality: 80, mozjpeg: true }).toBuffer(),
      contentType: PICTURE_CONTENT_TYPES[fallback],
    });
  }
  return {
    type: decoded.type,
    key,
    width: decoded.width,
    height: decoded.height,
    widths,
    fallback,
    files,
  };
}
