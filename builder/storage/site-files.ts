/**
 * A deploy's files in the sites' bucket: every deploy of a site is written
 * under a prefix of its own, `sites/<name>/<deployId>/`, and never changed
 * after; the live pointer picks which one is served. So publishing is
 * "upload the new prefix, then move the pointer", and throwing a deploy
 * away is deleting its prefix.
 *
 * Each file carries the content type the preview serves it with, and a
 * cache policy: a name with a content hash in it (`style.3f9a1c2b.css`)
 * never changes, so it is cached for a year; everything else (pages,
 * feeds) may change with the next deploy, so it is cached briefly and
 * revalidated.
 */
import { deployPrefix } from '../../core/live-pointer';
import { originalsPrefix } from '../../core/pictures';
import {
  DeleteObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { contentType } from '../files';

export interface SiteBucket {
  client: S3Client;
  bucket: string;
}

/** One file of a rendered site: its path from the site's root and its bytes. */
export interface SiteFile {
  path: string;
  body: Uint8Array;
}

export interface UploadReport {
  files: number;
  bytes: number;
}

/** Some files of a deploy did not reach the bucket; the deploy must not go live. */
export class SiteUploadError extends Error {
  override name = 'SiteUploadError';
  constructor(
    readonly prefix: string,
    readonly total: number,
    readonly uploaded: number,
    /** Each failed file with what went wrong. */
    readonly failures: { path: string; error: unknown }[],
  ) {
    const skipped = total - uploaded - failures.length;
    super(
      `${failures.length} of ${total} files failed to upload to ${prefix}` +
        (skipped ? ` (${skipped} more not tried)` : '') +
        `: ${failures[0]?.error instanceof Error ? failures[0].error.message : String(failures[0]?.error)}`,
    );
  }
}

export const SHORT_CACHE = 'public, max-age=60, must-revalidate';
export const FOREVER_CACHE = 'public, max-age=31536000, immutable';

/** A name like `style.3f9a1c2b.css`: eight or more hex digits just before the extension. */
const FINGERPRINTED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/;

/** The Cache-Control a file at `path` is served with. */
export function cacheControl(path: string): string {
  return FINGERPRINTED.test(path) ? FOREVER_CACHE : SHORT_CACHE;
}

/** Where a deploy's files live in the bucket, with the trailing slash. */

export interface S3ClientOptions {
  region: string;
  /** Only for the local S3, which needs path-style addressing. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** An S3 client for AWS, or for the local S3 when `endpoint` is given. */
export function s3Client({ region, endpoint, credentials }: S3ClientOptions): S3Client {
  return new S3Client({
    region,
    credentials,
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
  });
}

/**
 * Uploads `files` as deploy `deployId` of `site`, `parallel` at a time.
 * After the first failure no more uploads start (the deploy is lost
 * anyway); once those under way settle, throws `SiteUploadError`.
 */
export async function uploadSiteFiles(
  s3: SiteBucket,
  site: string,
  deployId: string,
  files: readonly SiteFile[],
  { parallel = 8 } = {},
): Promise<UploadReport> {
  const prefix = deployPrefix(site, deployId);
  const failures: { path: string; error: unknown }[] = [];
  let next = 0;
  let uploaded = 0;
  let bytes = 0;
  const worker = async () => {
    while (failures.length === 0 && next < files.length) {
      const file = files[next++]!;
      try {
        await s3.client.send(
          new PutObjectCommand({
            Bucket: s3.bucket,
            Key: prefix + file.path,
            Body: file.body,
            ContentType: contentType(file.path),
            CacheControl: cacheControl(file.path),
          }),
        );
        uploaded++;
        bytes += file.body.byteLength;
      } catch (error) {
        failures.push({ path: file.path, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker));
  if (failures.length) throw new SiteUploadError(prefix, files.length, uploaded, failures);
  return { files: uploaded, bytes };
}

/** Deletes every file of deploy `deployId` of `site`; returns how many there were. */
export function deleteDeploy(
  s3: SiteBucket,
  site: string,
  deployId: string,
  options: { pageSize?: number } = {},
): Promise<number> {
  return deletePrefix(s3, deployPrefix(site, deployId), options);
}

/** Deletes every file of every deploy of `site` (a deleted site); returns how many there were. */
export function deleteSiteFiles(
  s3: SiteBucket,
  site: string,
  options: { pageSize?: number } = {},
): Promise<number> {
  // Names never hold a slash, so `sites/bee/` cannot reach `sites/bees/`.
  return deletePrefix(s3, `sites/${site}/`, options);
}

/**
 * Deletes every original picture of `site` (a deleted site: its processed pictures are under
 * `sites/<name>/_pictures/`, gone with its files); returns how many there were.
 */
export function deleteSiteOriginals(
  s3: SiteBucket,
  site: string,
  options: { pageSize?: number } = {},
): Promise<number> {
  return deletePrefix(s3, originalsPrefix(site), options);
}

/** Deletes every object under `prefix`, a page of listing at a time. */
export async function deletePrefix(
  s3: SiteBucket,
  prefix: string,
  { pageSize = 1000 } = {},
): Promise<number> {
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await s3.client.send(
      new ListObjectsV2Command({
        Bucket: s3.bucket,
        Prefix: prefix,
        MaxKeys: Math.min(pageSize, 1000),
        ContinuationToken: token,
      }),
    );
    const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
    if (keys.length) {
      const result = await s3.client.send(
        new DeleteObjectsCommand({ Bucket: s3.bucket, Delete: { Objects: keys, Quiet: true } }),
      );
      if (result.Errors?.length) {
        const first = result.Errors[0]!;
        throw new Error(
          `${result.Errors.length} files of ${prefix} could not be deleted: ${first.Key}: ${first.Code} ${first.Message}`,
        );
      }
      deleted += keys.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return deleted;
}
