/**
 * How a site's pictures are laid out in the table: in the site's partition,
 * `SITE#<name>` / `PICTURE#<id>`, one record per picture, so the builder's
 * one Query of the partition reads them with the items, and deleting the
 * site's partition deletes them. Pure: keys and conversions, no I/O.
 */
import type { FallbackFormat, ImageType } from '../pictures';
import type { StoredRecord } from './sites';
import { sitePartition } from './sites';

export interface Picture {
  /** Unique within the site; posts refer to it as `picture:<id>`. */
  id: string;
  site: string;
  /** Words for people who cannot see it: the `alt` text wherever it is shown. */
  description: string;
  /** The file's name as it was uploaded (`IMG_2041.HEIC`), for the export. */
  fileName: string;
  /** What the original is. */
  type: ImageType;
  /** The upload id: the original is at `originalPictureKey(site, upload)`. */
  upload: string;
  /** Bytes of the original. */
  bytes: number;
  /** Content hash of the original; the processed files are named by it. */
  key: string;
  /** Pixels, orientation applied. */
  width: number;
  height: number;
  /** The widths made, ascending. */
  widths: number[];
  fallback: FallbackFormat;
  /** Bytes of every processed file together. */
  processedBytes: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const PICTURE_PREFIX = 'PICTURE#';

export const pictureKey = (site: string, id: string) => ({
  pk: sitePartition(site),
  sk: `${PICTURE_PREFIX}${id}`,
});

/** The record to store for `picture`. */
export const pictureRecord = (picture: Picture): StoredRecord => ({
  ...pictureKey(picture.site, picture.id),
  ...picture,
});

/** A stored record as a `Picture`, or undefined for anything else in the partition. */
export function toPicture(record: Record<string, unknown> | undefined): Picture | undefined {
  if (!record || typeof record.sk !== 'string' || !record.sk.startsWith(PICTURE_PREFIX)) {
    return undefined;
  }
  const { pk: _pk, sk: _sk, ...rest } = record;
  return rest as unknown as Picture;
}

/** What a site's pictures hold, as counted against `pictureLimits`. */
export interface PictureUsage {
  pictures: number;
  bytes: number;
}

export const pictureUsage = (pictures: readonly Pick<Picture, 'bytes'>[]): PictureUsage => ({
  pictures: pictures.length,
  bytes: pictures.reduce((sum, p) => sum + p.bytes, 0),
});
