/**
 * Putting a backup's files back in the sites' bucket, at the keys they had
 * and with the headers they were served with. Each file's bytes are checked
 * against the digest the backup listed before it is sent. A file the bucket
 * already holds with the same size and MD5 (S3's ETag of a file put in one
 * piece, as every deploy's files are) is not sent again, so a second run
 * uploads nothing.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { FILES_DIR, type FileEntry } from './backup-format';
import { DamagedBackup } from './line-file';
import { inPool } from './pool';

export interface FilesReport {
  uploaded: number;
  bytes: number;
  /** Already in the bucket, identical. */
  present: number;
}

/** Size and MD5 of every object under `sites/`, by key. */
async function bucketContents(s3: S3Client, bucket: string) {
  const found = new Map<string, { size: number; md5: string }>();
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'sites/', ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) {
      found.set(o.Key!, { size: o.Size ?? -1, md5: (o.ETag ?? '').replace(/"/g, '') });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}

/** Uploads the files of `entries` from the backup in `from`. */
export async function restoreFiles(
  s3: S3Client,
  bucket: string,
  from: string,
  entries: readonly FileEntry[],
  { parallel = 8 } = {},
): Promise<FilesReport> {
  const report: FilesReport = { uploaded: 0, bytes: 0, present: 0 };
  const there = await bucketContents(s3, bucket);
  const missing = entries.filter((e) => {
    const found = there.get(e.key);
    return !(found && found.size === e.bytes && found.md5 === e.md5);
  });
  report.present = entries.length - missing.length;
  await inPool(missing, parallel, async (entry) => {
    const body = await readFile(join(from, FILES_DIR, ...entry.key.split('/'))).catch(() => {
      throw new DamagedBackup(`${FILES_DIR}/${entry.key} is missing from the backup`);
    });
    if (createHash('sha256').update(body).digest('hex') !== entry.sha256) {
      throw new DamagedBackup(`${FILES_DIR}/${entry.key} is not the file the backup listed`);
    }
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: entry.key,
        Body: body,
        ContentType: entry.contentType,
        CacheControl: entry.cacheControl,
      }),
    );
    report.uploaded++;
    report.bytes += body.byteLength;
  });
  return report;
}
