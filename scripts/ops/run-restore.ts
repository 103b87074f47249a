/**
 * Restoring a backup into a fresh stack, in the order publishing keeps:
 * first the check that the table may take it (nothing is written anywhere
 * when it may not), then the sites' files, then the table's items, and
 * only then the live pointers, so a visitor is never pointed at files that
 * are not there yet. Every step skips what is already in place, so a run
 * that was interrupted is finished by running it again, and a second run
 * writes nothing.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { LivePointers } from '../../builder/storage/live-pointer';
import { writeItems, type BatchWriteOptions, type BatchWriteReport } from './batch-write';
import type { Manifest } from './backup-format';
import { readBackup } from './read-backup';
import { checkTable } from './restore-check';
import { restoreFiles, type FilesReport } from './restore-files';
import { restorePointers, type PointersReport } from './restore-pointers';

export interface RestoreTarget {
  dynamo: DynamoDBClient;
  table: string;
  s3: S3Client;
  bucket: string;
  pointers: LivePointers;
}

export interface RestoreReport {
  manifest: Manifest;
  items: BatchWriteReport & { present: number };
  files: FilesReport;
  pointers: PointersReport;
  /** Builds whose files were not in the backup, now marked as no longer restorable. */
  markedPruned: number;
}

export interface RestoreOptions {
  parallel?: number;
  batches?: BatchWriteOptions;
  now?: Date;
}

/** Restores the backup in `from` into `target`. */
export async function restoreBackup(
  target: RestoreTarget,
  from: string,
  { parallel = 8, batches, now = new Date() }: RestoreOptions = {},
): Promise<RestoreReport> {
  const backup = readBackup(from);
  const { present } = await checkTable(target.dynamo, target.table, backup, now);
  const files = await restoreFiles(target.s3, target.bucket, from, backup.files, { parallel });
  const missing = [...backup.items]
    .filter(([key]) => !present.has(key))
    .map(([, { item }]) => item);
  const written = await writeItems(target.dynamo, target.table, missing, batches);
  const items = [...backup.items.values()].map(({ item }) => item);
  const pointers = await restorePointers(target.pointers, items);
  return {
    manifest: backup.manifest,
    items: { ...written, present: present.size },
    files,
    pointers,
    markedPruned: backup.markedPruned,
  };
}
