/**
 * The backup folder, written by `npm run backup` and read by `npm run
 * restore`: what each file holds and how it is checked. A folder is
 * self-describing, so a restore needs nothing but it:
 *
 * - `items.jsonl`: the table's items, one per line, in DynamoDB's own typed
 *   JSON (`{"pk":{"S":"…"}}`, binary as base64), so no type is lost and the
 *   lines can be written back unchanged. Map keys are sorted, so a line is
 *   the same text wherever the item came from, and two items compare as text.
 * - `files.jsonl`: one line per stored file of a site: its bucket key, size,
 *   digests and the headers it is served with.
 * - `files/<key>`: that file's bytes, at its bucket key.
 * - `manifest.json`: the format and version, when and where from, counts,
 *   bytes and digests of the two lists, the deploys whose files are in it,
 *   and what was left out. It is written last: a folder without it is an
 *   interrupted backup, and restore refuses it.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { DEPLOY_ID_PATTERN } from '../../core/live-pointer';
import { SITE_NAME_PATTERN } from '../../core/site-address';

export const BACKUP_FORMAT = 'nbhd-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const ITEMS_FILE = 'items.jsonl';
export const FILES_INDEX = 'files.jsonl';
export const FILES_DIR = 'files';

export type StoredItem = Record<string, AttributeValue>;

const count = z.number().int().nonnegative();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A deploy whose files the backup holds. */
export const deployFilesSchema = z.object({
  site: z.string().regex(SITE_NAME_PATTERN),
  deploy: z.string().regex(DEPLOY_ID_PATTERN),
  files: count,
  bytes: count,
});
export type DeployFiles = z.infer<typeof deployFilesSchema>;

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string().datetime(),
  source: z.object({ region: z.string(), table: z.string(), bucket: z.string() }),
  /** `items.jsonl`: its lines, size and digest. */
  items: z.object({ count, bytes: count, sha256 }),
  /** Items not backed up, by kind (`ephemeral.ts`). */
  leftOut: z.record(count),
  /** The sites' files: how many, and their bytes together. */
  files: z.object({ count, bytes: count }),
  /** `files.jsonl`: its lines, size and digest. */
  filesIndex: z.object({ count, bytes: count, sha256 }),
  /** Whether every restorable build's files are in it, or only the live ones. */
  allDeploys: z.boolean(),
  deploys: z.array(deployFilesSchema),
  /** What the backup could not copy, in words (a live deploy with no files, say). */
  problems: z.array(z.string()),
});
export type Manifest = z.infer<typeof manifestSchema>;

/**
 * A file's bucket key: `sites/<name>/<deployId>/<path>`, whose path has no
 * empty, `.` or `..` segment, so it can never name a place outside the folder.
 */
export function isSiteFileKey(key: string): boolean {
  const [top, site, deploy, ...path] = key.split('/');
  return (
    top === 'sites' &&
    SITE_NAME_PATTERN.test(site ?? '') &&
    DEPLOY_ID_PATTERN.test(deploy ?? '') &&
    path.length > 0 &&
    path.every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\\')) &&
    key.length <= 1024
  );
}

export const fileEntrySchema = z.object({
  key: z.string().refine(isSiteFileKey, 'not a site file key'),
  bytes: count,
  /** Hex MD5: what S3 gives as the ETag of a file put in one piece. */
  md5: z.string().regex(/^[0-9a-f]{32}$/),
  sha256,
  contentType: z.string().optional(),
  cacheControl: z.string().optional(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

/** One item as its `items.jsonl` line: sorted attribute names, sets sorted, binary as base64. */
export function encodeItem(item: StoredItem): string {
  return JSON.stringify(encodeMap(item));
}

/** An `items.jsonl` line back as an item; throws on anything that is not one. */
export function decodeItem(line: string): StoredItem {
  const value = JSON.parse(line) as Record<string, Json>;
  if (!value || typeof value !== 'object' || !isString(value.pk) || !isString(value.sk)) {
    throw new Error('an item without a string pk and sk');
  }
  return decodeMap(value);
}

/** Where an item sits in the table, as one string. */
export const itemKey = (item: StoredItem) => `${item.pk?.S}\u0000${item.sk?.S}`;

type Json = Record<string, unknown>;
const isString = (v: Json | undefined) => !!v && typeof v.S === 'string';
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

function encodeMap(map: Record<string, AttributeValue>): Json {
  const out: Json = {};
  for (const name of Object.keys(map).sort()) out[name] = encodeValue(map[name]!);
  return out;
}

// Sets have no order: sorted, the same set is always the same text.
function encodeValue(v: AttributeValue): Json {
  if (v.B !== undefined) return { B: base64(v.B) };
  if (v.BS !== undefined) return { BS: v.BS.map(base64).sort() };
  if (v.SS !== undefined) return { SS: [...v.SS].sort() };
  if (v.NS !== undefined) return { NS: [...v.NS].sort() };
  if (v.L !== undefined) return { L: v.L.map(encodeValue) };
  if (v.M !== undefined) return { M: encodeMap(v.M) };
  return v as unknown as Json;
}

function decodeMap(map: Record<string, Json>): StoredItem {
  const out: StoredItem = {};
  for (const [name, value] of Object.entries(map)) out[name] = decodeValue(value);
  return out;
}

function decodeValue(v: Json): AttributeValue {
  if (typeof v.B === 'string') return { B: bytes(v.B) };
  if (Array.isArray(v.BS)) return { BS: (v.BS as string[]).map(bytes) };
  if (Array.isArray(v.L)) return { L: (v.L as Json[]).map(decodeValue) };
  if (v.M && typeof v.M === 'object') return { M: decodeMap(v.M as Record<string, Json>) };
  return v as unknown as AttributeValue;
}
