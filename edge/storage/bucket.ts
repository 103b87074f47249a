/**
 * The sites' bucket as the Worker sees it: S3 calls signed with aws4fetch,
 * like every other AWS call the edge makes. The edge touches only two
 * kinds of object (its IAM user may do no more): it puts the originals of
 * uploaded pictures (`originals/…`, private) and reads processed pictures
 * (`sites/<site>/_pictures/…`) for the member's own pages and previews.
 * Everything else in the bucket is the builder's.
 */
import { AwsClient } from 'aws4fetch';
import type { Config } from '../env';

export class BucketError extends Error {
  override name = 'BucketError';
}

const client = ({ bucket }: Pick<Config, 'bucket'>) =>
  new AwsClient({
    accessKeyId: bucket.accessKeyId,
    secretAccessKey: bucket.secretAccessKey,
    service: 's3',
    region: bucket.region,
    retries: 1,
  });

/** The object's URL, path style: each segment of the key percent-encoded, its slashes kept. */
const objectUrl = ({ bucket }: Pick<Config, 'bucket'>, key: string) =>
  `${bucket.url}/${key.split('/').map(encodeURIComponent).join('/')}`;

/** Stores `body` at `key`; throws `BucketError` if S3 does not take it. */
export async function putObject(
  config: Pick<Config, 'bucket'>,
  key: string,
  body: ArrayBuffer,
  contentType: string,
): Promise<void> {
  const res = await client(config).fetch(objectUrl(config, key), {
    method: 'PUT',
    headers: { 'content-type': contentType },
    body,
  });
  await res.body?.cancel();
  if (!res.ok) throw new BucketError(`S3 PUT answered ${res.status}`);
}

/** The object at `key` as S3 answers it, or undefined when there is none. */
export async function getObject(
  config: Pick<Config, 'bucket'>,
  key: string,
): Promise<Response | undefined> {
  const res = await client(config).fetch(objectUrl(config, key));
  if (res.status === 404 || res.status === 403) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new BucketError(`S3 GET answered ${res.status}`);
  }
  return res;
}
