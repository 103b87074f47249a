/**
 * The pictures half of an export: every picture's original exactly as the member uploaded it
 * (`pictures/originals/<id>-<file name>`), its processed files as the site serves them
 * (`pictures/<file>`, the names the published pages use under `/_pictures/`), and
 * `source/pictures.json`, each picture's id, description and file names, so a neighbor leaving
 * keeps the words written for people who cannot see them.
 *
 * Memory: one picture's files are fetched, added (stored, not compressed again) and let go
 * before the next, so the ZIP writer holds them once, in the archive.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { originalPictureKey, pictureFileNames, processedPictureKey } from '../../core/pictures';
import type { Picture } from '../../core/records/pictures';
import type { SiteBucket } from '../storage/site-files';
import type { ZipWriter } from './zip-writer';

/** `name` safe as one path segment in any archive tool: letters, digits, `.`, `-`, `_`. */
export function safeFileName(name: string): string {
  const safe = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  return safe || 'picture';
}

/** Where the original of `picture` goes in the ZIP. */
export const originalPath = (picture: Pick<Picture, 'id' | 'fileName'>) =>
  `pictures/originals/${picture.id}-${safeFileName(picture.fileName)}`;

async function read(s3: SiteBucket, key: string): Promise<Uint8Array | undefined> {
  try {
    const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return await object.Body!.transformToByteArray();
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** Adds `pictures` of `site` to `zip`; answers how many files it added. */
export async function addPictures(
  s3: SiteBucket,
  site: string,
  pictures: readonly Picture[],
  zip: ZipWriter,
): Promise<number> {
  let files = 0;
  const listed = [];
  for (const picture of pictures) {
    const original = await read(s3, originalPictureKey(site, picture.upload));
    if (original) {
      zip.add(originalPath(picture), original, picture.createdAt);
      files++;
    }
    const processed = [];
    for (const file of pictureFileNames(picture)) {
      const body = await read(s3, processedPictureKey(site, file));
      if (!body) continue;
      zip.add(`pictures/${file}`, body, picture.createdAt);
      processed.push(file);
      files++;
    }
    listed.push({
      id: picture.id,
      description: picture.description,
      reference: `picture:${picture.id}`,
      original: original ? originalPath(picture) : null,
      width: picture.width,
      height: picture.height,
      files: processed.map((file) => `pictures/${file}`),
    });
  }
  if (pictures.length) {
    const newest = pictures
      .map((p) => p.updatedAt)
      .sort()
      .at(-1)!;
    zip.add('source/pictures.json', `${JSON.stringify(listed, null, 2)}\n`, newest);
  }
  return files;
}
