/**
 * The preview's pictures: a preview page links its site's pictures
 * relatively, as `<site root>/_pictures/<file>`, so the preview at
 * `/sites/alice/preview/` asks for `/_pictures/<file>` like any other file
 * of the site. Those files are not rendered: they are in the sites' bucket
 * beside the deploys (`processedPictureKey`), written once when the picture
 * was uploaded, so the preview reads them from there, as the live site's
 * routing does. Only names a processed picture has are looked up; anything
 * else, or a file the bucket does not hold, is left to the rendered site
 * (its 404 page).
 */
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import type { PreviewResponse } from '../core/builder-protocol';
import {
  PICTURE_CONTENT_TYPES,
  PICTURE_FILE_PATTERN,
  PICTURES_DIR,
  processedPictureKey,
} from '../core/pictures';
import type { SiteBucket } from './storage/site-files';

/** The picture file a preview's URL path names (`/_pictures/<file>`), if it names one. */
export function previewPictureFile(urlPath: string): string | undefined {
  const prefix = `/${PICTURES_DIR}/`;
  if (!urlPath.startsWith(prefix)) return undefined;
  const file = urlPath.slice(prefix.length);
  return PICTURE_FILE_PATTERN.test(file) ? file : undefined;
}

const typeOf = (file: string) =>
  file.endsWith('.webp')
    ? PICTURE_CONTENT_TYPES.webp
    : file.endsWith('.png')
      ? PICTURE_CONTENT_TYPES.png
      : PICTURE_CONTENT_TYPES.jpeg;

/**
 * The answer for picture `file` of `site` from the bucket, or undefined
 * when the bucket does not hold it; one larger than `limit` is `too-large`.
 */
export async function previewPicture(
  bucket: SiteBucket,
  site: string,
  file: string,
  urlPath: string,
  limit: number,
): Promise<PreviewResponse | undefined> {
  let body: Uint8Array;
  try {
    const object = await bucket.client.send(
      new GetObjectCommand({ Bucket: bucket.bucket, Key: processedPictureKey(site, file) }),
    );
    body = await object.Body!.transformToByteArray();
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
  if (body.byteLength > limit) {
    return { kind: 'too-large', path: urlPath, bytes: body.byteLength, limit };
  }
  return {
    kind: 'file',
    status: 200,
    contentType: typeOf(file),
    body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64'),
  };
}
