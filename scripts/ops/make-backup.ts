/**
 * Making a backup folder (`backup-format.ts`): the table scanned in
 * parallel and written out item by item, less what `ephemeral.ts` leaves
 * out; then the files of the deploys it names; then the manifest, last.
 * A parallel scan is not a snapshot: an item changed while it runs may be
 * caught before or after the change. Run it when the neighborhood is quiet;
 * PITR is the point-in-time copy.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { epochSeconds } from '../../core/records/time';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  encodeItem,
  FILES_INDEX,
  ITEMS_FILE,
  MANIFEST_FILE,
  type Manifest,
} from './backup-format';
import { copyDeployFiles, deployChooser } from './backup-files';
import { leftOutKind } from './ephemeral';
import { lineWriter } from './line-file';
import { scanTable, type ScanReport } from './scan';

export interface BackupSource {
  region: string;
  dynamo: DynamoDBClient;
  table: string;
  s3: S3Client;
  bucket: string;
}

export interface BackupOptions {
  /** Also copy every build the history can still restore, not only the live ones. */
  allDeploys?: boolean;
  segments?: number;
  parallel?: number;
  now?: Date;
}

export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

/** Backs up the neighborhood at `source` into the new or empty folder `out`. */
export async function makeBackup(
  source: BackupSource,
  out: string,
  { allDeploys = false, segments = 4, parallel = 8, now = new Date() }: BackupOptions = {},
): Promise<Manifest & { scan: ScanReport }> {
  mkdirSync(out, { recursive: true });
  if (readdirSync(out).length > 0) {
    throw new BackupRefused(`${out} is not empty: give a new folder for each backup`);
  }
  const items = lineWriter(join(out, ITEMS_FILE));
  const chooser = deployChooser(allDeploys);
  const leftOut: Record<string, number> = {};
  const nowSeconds = epochSeconds(now);
  const scan = await scanTable(
    source.dynamo,
    source.table,
    async (page) => {
      for (const item of page) {
        const kind = leftOutKind(item, nowSeconds);
        if (kind) {
          leftOut[kind] = (leftOut[kind] ?? 0) + 1;
          continue;
        }
        chooser.see(item);
        await items.write(encodeItem(item));
      }
    },
    { segments },
  );
  const itemFacts = await items.close();

  const copied = await copyDeployFiles(source.s3, source.bucket, chooser.chosen(), out, {
    parallel,
  });
  const index = lineWriter(join(out, FILES_INDEX));
  for (const entry of copied.entries) await index.write(JSON.stringify(entry));
  const indexFacts = await index.close();

  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    source: { region: source.region, table: source.table, bucket: source.bucket },
    items: itemFacts,
    leftOut,
    files: { count: indexFacts.count, bytes: copied.entries.reduce((sum, e) => sum + e.bytes, 0) },
    filesIndex: indexFacts,
    allDeploys,
    deploys: copied.deploys,
    problems: copied.problems,
  };
  writeFileSync(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...manifest, scan };
}
