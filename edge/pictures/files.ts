/**
 * Serves a site's processed pictures from the bucket to its owner: the
 * thumbnails of the Pictures page and the editor, and the pictures of the
 * preview, which are the very files the published site serves. Only names
 * a picture file can have are looked up; anything else is a 404.
 */
import { PICTURE_FILE_PATTERN, processedPictureKey } from '../../core/pictures';
import type { SiteContext } from '../context';
import { notFound } from '../errors';
import { getObject } from '../storage/bucket';

export async function servePictureFile(c: SiteContext, file: string | undefined) {
  if (!file || !PICTURE_FILE_PATTERN.test(file)) throw notFound();
  const object = await getObject(c.get('config'), processedPictureKey(c.get('site').name, file));
  if (!object) throw notFound();
  return new Response(object.body, {
    headers: {
      'content-type': object.headers.get('content-type') ?? 'application/octet-stream',
      'content-length': object.headers.get('content-length') ?? '',
      // Named by their content, so they never change; private: they are the owner's pages.
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    },
  });
}
