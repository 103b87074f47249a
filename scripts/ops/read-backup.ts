/**
 * Reading a backup folder for a restore, refusing one that is not whole:
 * no manifest (the backup was interrupted; it writes the manifest last),
 * another format or version, or a list whose size, digest or line count is
 * not the manifest's. File bytes are checked as they are uploaded.
 *
 * What it gives back is what the table will hold: the items as backed up,
 * except that a build the history could restore but whose files are not
 * in the backup (one taken without `--all-deploys`) is marked pruned, as
 * pruning marks a build whose files are gone, so the restored history
 * never offers a restore that would serve nothing. The mark's time is the
 * backup's, so every restore of one backup writes the same items.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  decodeItem,
  encodeItem,
  FILES_INDEX,
  fileEntrySchema,
  ITEMS_FILE,
  itemKey,
  MANIFEST_FILE,
  manifestSchema,
  type FileEntry,
  type Manifest,
  type StoredItem,
} from './backup-format';
import { DamagedBackup, readLines } from './line-file';

export interface Backup {
  manifest: Manifest;
  /** The items to write, by `itemKey`, with each one's `items.jsonl` line. */
  items: Map<string, { item: StoredItem; line: string }>;
  files: FileEntry[];
  /** Builds marked pruned because their files are not in the backup. */
  markedPruned: number;
}

function readManifest(from: string): Manifest {
  let text: string;
  try {
    text = readFileSync(join(from, MANIFEST_FILE), 'utf8');
  } catch {
    throw new DamagedBackup(
      `${from} has no ${MANIFEST_FILE}: it is not a backup, or the backup did not finish (the manifest is written last)`,
    );
  }
  const value = JSON.parse(text) as { format?: unknown; version?: unknown };
  if (value?.format !== BACKUP_FORMAT || value.version !== BACKUP_VERSION) {
    throw new DamagedBackup(
      `${from} is not a backup this version can restore (format ${String(value?.format)}, version ${String(value?.version)}; this reads ${BACKUP_FORMAT} ${BACKUP_VERSION})`,
    );
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    throw new DamagedBackup(`${from}/${MANIFEST_FILE}: ${parsed.error.issues[0]!.message}`);
  }
  return parsed.data;
}

/** A restorable build whose files the backup lacks, marked as pruned at the backup's time. */
function markIfFilesMissing(item: StoredItem, kept: Set<string>, at: string): StoredItem {
  const isBuild = item.sk?.S?.startsWith('DEPLOY#') && item.kind?.S === 'build';
  if (!isBuild || item.state?.S !== 'live' || item.prunedAt) return item;
  if (kept.has(`${item.site?.S}/${item.id?.S}`)) return item;
  return { ...item, prunedAt: { S: at } };
}

/** Reads and checks the backup in `from`. */
export function readBackup(from: string): Backup {
  const manifest = readManifest(from);
  const kept = new Set(manifest.deploys.map((d) => `${d.site}/${d.deploy}`));
  const items: Backup['items'] = new Map();
  let markedPruned = 0;
  readLines(join(from, ITEMS_FILE), manifest.items).forEach((text, n) => {
    let item: StoredItem;
    try {
      item = decodeItem(text);
    } catch (error) {
      throw new DamagedBackup(`${ITEMS_FILE} line ${n + 1}: ${(error as Error).message}`);
    }
    const planned = markIfFilesMissing(item, kept, manifest.createdAt);
    if (planned !== item) markedPruned++;
    items.set(itemKey(planned), { item: planned, line: encodeItem(planned) });
  });
  const files = readLines(join(from, FILES_INDEX), manifest.filesIndex).map((text, n) => {
    const parsed = fileEntrySchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new DamagedBackup(`${FILES_INDEX} line ${n + 1}: ${parsed.error.issues[0]!.message}`);
    }
    return parsed.data;
  });
  return { manifest, items, files, markedPruned };
}
