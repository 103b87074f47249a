/**
 * Where an export waits to be downloaded: the sites' bucket, under
 * `exports/<site>/<random>.zip`, outside `sites/` (which the CDN serves), so
 * the only way to it is the short-lived signed address the owner is sent
 * to. The object names the file the browser saves (`<site>.zip`). Nothing
 * here deletes it: the bucket's lifecycle rule expires `exports/` after a day.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { SiteBucket } from '../storage/site-files';

/** How long a download address works. */
export const EXPORT_URL_SECONDS = 10 * 60;

/** The folder of the bucket exports are kept in, for a while. */
export const EXPORTS_PREFIX = 'exports/';

/** A new key for an export of `site`: unguessable, so one address never leads to another's file. */
export function exportKey(site: string): string {
  const random = crypto.getRandomValues(new Uint8Array(16));
  const id = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${EXPORTS_PREFIX}${site}/${id}.zip`;
}

/** Stores `zip` for `site` and returns its key. */
export async function storeExport(s3: SiteBucket, site: string, zip: Uint8Array): Promise<string> {
  const key = exportKey(site);
  await s3.client.send(
    new PutObjectCommand({
      Bucket: s3.bucket,
      Key: key,
      Body: zip,
      ContentType: 'application/zip',
      ContentDisposition: `attachment; filename="${site}.zip"`,
      CacheControl: 'private, no-store',
    }),
  );
  return key;
}

/**
 * A GET address for `key` that works for `seconds` from `signedAt` (now,
 * unless a test signs one in the past to see it refused).
 */
export function downloadUrl(
  s3: SiteBucket,
  key: string,
  { seconds = EXPORT_URL_SECONDS, signedAt }: { seconds?: number; signedAt?: Date } = {},
): Promise<string> {
  return getSignedUrl(s3.client, new GetObjectCommand({ Bucket: s3.bucket, Key: key }), {
    expiresIn: seconds,
    ...(signedAt && { signingDate: signedAt }),
  });
}
