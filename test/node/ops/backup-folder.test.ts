/**
 * The backup folder on its own: an item keeps every DynamoDB type through
 * its line, the same item is always the same line, a file key can never
 * reach outside the folder, and a folder that is not whole (no manifest,
 * another version, a list edited or cut short) is refused before a restore
 * touches anything.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  decodeItem,
  encodeItem,
  FILES_INDEX,
  isSiteFileKey,
  ITEMS_FILE,
  MANIFEST_FILE,
  type Manifest,
  type StoredItem,
} from '../../../scripts/ops/backup-format';
import { lineWriter } from '../../../scripts/ops/line-file';
import { readBackup } from '../../../scripts/ops/read-backup';

const item: StoredItem = {
  sk: { S: 'DEPLOY#0abc' },
  pk: { S: 'SITE#bees' },
  kind: { S: 'build' },
  state: { S: 'live' },
  site: { S: 'bees' },
  id: { S: '0abc' },
  files: { N: '12' },
  gone: { NULL: true },
  ok: { BOOL: false },
  stages: { M: { queued: { M: { ms: { N: '4' } } } } },
  log: { L: [{ S: 'Rendered.' }, { N: '1.5' }] },
  tags: { SS: ['b', 'a'] },
  sizes: { NS: ['2', '10'] },
  blob: { B: new Uint8Array([0, 255, 7]) },
};

describe('an item line', () => {
  it('keeps every type, and is the same text whatever order the item came in', () => {
    const line = encodeItem(item);
    expect(decodeItem(line)).toEqual({
      ...item,
      tags: { SS: ['a', 'b'] },
      sizes: { NS: ['10', '2'] },
    });
    const reordered = Object.fromEntries(Object.entries(item).reverse());
    expect(encodeItem({ ...reordered, tags: { SS: ['a', 'b'] } })).toBe(line);
  });

  it('refuses a line without its key', () => {
    expect(() => decodeItem('{"sk":{"S":"SITE"}}')).toThrow(/pk and sk/);
  });
});

describe('a file key', () => {
  it('is a deploy’s file, and never leaves the folder', () => {
    expect(isSiteFileKey('sites/bees/0abc/posts/hello/index.html')).toBe(true);
    expect(isSiteFileKey('sites/bees/0abc/.well-known/atproto-did')).toBe(true);
    for (const bad of [
      'sites/bees/0abc/../../../etc/passwd',
      'sites/bees/0abc/',
      'sites/bees/0abc//x',
      'exports/bees.zip',
      'sites/Bees/0abc/index.html',
      'sites/bees/0a.bc/index.html',
    ]) {
      expect(isSiteFileKey(bad), bad).toBe(false);
    }
  });
});

describe('reading a backup folder', () => {
  let folder: string;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'nbhd-backup-folder-'));
    const items = lineWriter(join(folder, ITEMS_FILE));
    await items.write(encodeItem(item));
    await items.write(encodeItem({ pk: { S: 'NEIGHBORHOOD' }, sk: { S: 'SETTINGS' } }));
    const index = lineWriter(join(folder, FILES_INDEX));
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: '2026-06-01T00:00:00.000Z',
      source: { region: 'eu-west-1', table: 't', bucket: 'b' },
      items: await items.close(),
      leftOut: { session: 2 },
      files: { count: 0, bytes: 0 },
      filesIndex: await index.close(),
      allDeploys: false,
      deploys: [],
      problems: [],
    };
    writeFileSync(join(folder, MANIFEST_FILE), JSON.stringify(manifest));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('gives the items to write, marking a restorable build without files as pruned', () => {
    const backup = readBackup(folder);
    expect(backup.items.size).toBe(2);
    expect(backup.markedPruned).toBe(1);
    const build = backup.items.get('SITE#bees\u0000DEPLOY#0abc')!.item;
    expect(build.prunedAt).toEqual({ S: '2026-06-01T00:00:00.000Z' });
  });

  it('refuses a folder without a manifest, as an interrupted backup leaves it', () => {
    unlinkSync(join(folder, MANIFEST_FILE));
    expect(() => readBackup(folder)).toThrow(/no manifest.json.*did not finish/);
  });

  it('refuses another version of the format', () => {
    const path = join(folder, MANIFEST_FILE);
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), version: 2 }));
    expect(() => readBackup(folder)).toThrow(/not a backup this version can restore/);
  });

  it('refuses an items list changed by one character', () => {
    const path = join(folder, ITEMS_FILE);
    writeFileSync(path, readFileSync(path, 'utf8').replace('Rendered', 'Rendeled'));
    expect(() => readBackup(folder)).toThrow(/not the file the manifest describes/);
  });

  it('refuses an items list cut short', () => {
    const path = join(folder, ITEMS_FILE);
    writeFileSync(path, readFileSync(path, 'utf8').split('\n')[0] + '\n');
    expect(() => readBackup(folder)).toThrow(/not the file the manifest describes/);
  });
});
