/**
 * The commands as an operator runs them (`npm run backup`, `npm run
 * restore`, configured by the builder's variables), a backup of every
 * restorable build, and restores interrupted by real faults: the new
 * stack's S3 stopped, its KeyValueStore refusing writes. An interrupted
 * restore leaves nothing live that is not whole, and running it again
 * finishes it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLivePointer } from '../../../builder/storage/live-pointer';
import { encodeItem, type Manifest } from '../../../scripts/ops/backup-format';
import { restoreBackup } from '../../../scripts/ops/run-restore';
import { alice, startPublishFixture, type PublishFixture } from '../publish/support';
import {
  bucketFiles,
  earlierBuild,
  seedNeighborhood,
  sourceOf,
  tableItems,
  type Ephemeral,
} from './support';
import { startTargetStack, visit, type TargetStack } from './target-stack';

const run = promisify(execFile);
let f: PublishFixture;
let to: TargetStack;
let ephemeral: Ephemeral;
const work = mkdtempSync(join(tmpdir(), 'nbhd-backup-faults-'));
const folder = join(work, 'all');

/** Runs `npm run <command>`'s script with `env` added, from a folder with no operator files. */
const command = (script: string, args: string[], env: Record<string, string>) =>
  run(
    join(process.cwd(), 'node_modules/.bin/tsx'),
    [join(process.cwd(), 'scripts/ops', script), ...args],
    {
      cwd: work,
      env: { ...process.env, ...env, AWS_ACCESS_KEY_ID: '', NBHD_CONFIG: '' },
    },
  );

beforeAll(async () => {
  f = await startPublishFixture();
  ephemeral = await seedNeighborhood(f);
  to = await startTargetStack(f.fixture.dynamo.endpoint, 'nbhd-fresh');
}, 180_000);
afterAll(async () => {
  await to?.close();
  await f?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run backup -- --all-deploys', () => {
  it('copies every build the histories can restore, and says what it did', async () => {
    const { stdout } = await command('backup.ts', ['--out', folder, '--all-deploys'], f.env);
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.allDeploys).toBe(true);
    expect(manifest.source).toEqual({
      region: f.env.AWS_REGION,
      table: 'nbhd-test',
      bucket: 'nbhd-sites',
    });
    // bees' two builds and notes' one, though notes is unpublished now.
    expect(manifest.deploys.map((d) => d.site)).toEqual(['bees', 'bees', 'notes']);
    expect(manifest.problems).toEqual([]);
    expect(stdout).toContain(`${manifest.items.count} items`);
    expect(stdout).toContain(`${manifest.files.count} files`);
    expect(stdout).toMatch(/left out: .*session/);
  });
});

describe('a restore interrupted by a fault', () => {
  it('stops before writing any item when the new bucket is down', async () => {
    to.stopS3();
    await expect(restoreBackup(to.target, folder)).rejects.toThrow();
    expect((await tableItems(to.target.dynamo, to.target.table)).size).toBe(0);
    await to.restartS3();
  });

  it('leaves no site live when the store refuses, and a second run finishes it', async () => {
    to.kvs.refuseWrites(true);
    await expect(restoreBackup(to.target, folder)).rejects.toThrow(/refused/);
    expect(await readLivePointer(to.target.pointers, 'bees')).toBeUndefined();
    to.kvs.refuseWrites(false);

    const { stdout } = await command('restore.ts', ['--from', folder], to.env);
    expect(stdout).toMatch(/items: 0 written, \d+ already there/);
    expect(stdout).toMatch(/live pointers: 1 sites published; 1 set/);
    expect(stdout).toContain('Everyone signs in again');
    expect(await readLivePointer(to.target.pointers, 'bees')).toBe(
      await readLivePointer(f.services.publishing.pointers, 'bees'),
    );
  });

  it('brings back every item unchanged, and every restorable build’s files', async () => {
    const source = await tableItems(sourceOf(f).dynamo, 'nbhd-test');
    const restored = await tableItems(to.target.dynamo, to.target.table);
    for (const e of ephemeral) source.delete(`${e.pk} ${e.sk}`);
    expect([...restored.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [k, item] of source) expect(encodeItem(restored.get(k)!), k).toBe(encodeItem(item));
    expect(await bucketFiles(to.target.s3, to.target.bucket)).toEqual(
      await bucketFiles(sourceOf(f).s3, sourceOf(f).bucket),
    );
  });

  it('lets the owner restore an earlier build on the new stack', async () => {
    const earlier = await earlierBuild(f, 'bees');
    const answer = await to.builder({ kind: 'restore', site: 'bees', deploy: earlier, by: alice });
    expect(answer).toMatchObject({ kind: 'restored' });
    expect(await readLivePointer(to.target.pointers, 'bees')).toBe(earlier);
    expect((await visit(to.host.port, 'bees', '/')).status).toBe(200);
  });
});
