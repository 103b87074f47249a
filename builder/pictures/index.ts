/**
 * The builder's picture requests. `pictures`: each upload's original is
 * read from the private `originals/` folder and made into its files under
 * `sites/<site>/_pictures/` (`make.ts`), one upload at a time; one the
 * builder cannot take is refused with the reason and its original deleted,
 * so nothing of it stays. `forget-pictures`: deletes originals and, when
 * asked, a picture's processed files. The edge writes and deletes the
 * records; the builder only handles bytes.
 */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { ForgetPicturesRequest, PicturesRequest } from '../../core/builder-protocol';
import type { BuilderAnswer } from '../../core/builder-protocol';
import { originalPictureKey, processedPictureKey, pictureLimits } from '../../core/pictures';
import type { PublishingServices } from '../publish';
import { deletePrefix, FOREVER_CACHE, type SiteBucket } from '../storage/site-files';
import { PictureRefused } from './decode';
import { makePicture } from './make';

type Result = BuilderAnswer<'pictures'>['results'][number];

async function readOriginal(bucket: SiteBucket, key: string): Promise<Uint8Array | undefined> {
  try {
    const object = await bucket.client.send(
      new GetObjectCommand({ Bucket: bucket.bucket, Key: key }),
    );
    return await object.Body!.transformToByteArray();
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

const forget = (bucket: SiteBucket, key: string) =>
  bucket.client.send(new DeleteObjectCommand({ Bucket: bucket.bucket, Key: key }));

async function processOne(
  bucket: SiteBucket,
  site: string,
  { upload, name }: { upload: string; name: string },
): Promise<Result> {
  const original = originalPictureKey(site, upload);
  const bytes = await readOriginal(bucket, original);
  if (!bytes) return { outcome: 'refused', upload, problem: `${name} did not arrive; try again` };
  try {
    if (bytes.byteLength > pictureLimits.fileBytes) {
      throw new PictureRefused(`${name} is larger than a picture may be`);
    }
    const made = await makePicture(name, bytes);
    for (const file of made.files) {
      await bucket.client.send(
        new PutObjectCommand({
          Bucket: bucket.bucket,
          Key: processedPictureKey(site, file.name),
          Body: file.body,
          ContentType: file.contentType,
          CacheControl: FOREVER_CACHE,
        }),
      );
    }
    const { files, ...picture } = made;
    return {
      outcome: 'processed',
      upload,
      ...picture,
      bytes: bytes.byteLength,
      processedBytes: files.reduce((sum, f) => sum + f.body.byteLength, 0),
    };
  } catch (error) {
    if (!(error instanceof PictureRefused)) throw error;
    await forget(bucket, original);
    return { outcome: 'refused', upload, problem: error.message };
  }
}

export async function processPictures(
  services: PublishingServices,
  request: PicturesRequest,
): Promise<BuilderAnswer<'pictures'>> {
  const { bucket } = services.publishing;
  const results: Result[] = [];
  for (const upload of request.uploads)
    results.push(await processOne(bucket, request.site, upload));
  return { kind: 'pictures', results };
}

export async function forgetPictures(
  services: PublishingServices,
  request: ForgetPicturesRequest,
): Promise<BuilderAnswer<'forget-pictures'>> {
  const { bucket } = services.publishing;
  let files = 0;
  for (const picture of request.pictures) {
    await forget(bucket, originalPictureKey(request.site, picture.upload));
    files++;
    if (picture.key) {
      files += await deletePrefix(bucket, processedPictureKey(request.site, `${picture.key}-`));
    }
  }
  return { kind: 'forgotten', files };
}
