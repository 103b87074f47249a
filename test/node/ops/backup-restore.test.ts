/**
 * A neighborhood backed up and restored into a fresh stack, against the
 * real local parts: every item but the passing ones comes back as it was,
 * the live files come back byte for byte at their keys, and the new store
 * serves the same deploy of each published site and nothing of the others.
 * A table of another neighborhood is refused before anything is written,
 * and restoring twice ends the same as once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLivePointer, setLivePointer } from '../../../builder/storage/live-pointer';
import { createRequestLock } from '../../../edge/db/oauth-store';
import { saveNeighborhood } from '../../../edge/db/neighborhood';
import { putMember, getMember } from '../../../edge/db/members';
import { localDynamo } from '../../../scripts/local/demo';
import { createTable } from '../../../scripts/local/dynamo';
import { encodeItem } from '../../../scripts/ops/backup-format';
import { makeBackup } from '../../../scripts/ops/make-backup';
import { restoreBackup } from '../../../scripts/ops/run-restore';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  alice,
  pointerOf,
  siteState,
  startPublishFixture,
  visit as visitSource,
  type PublishFixture,
} from '../publish/support';
import {
  bob,
  earlierBuild,
  bucketFiles,
  seedNeighborhood,
  sourceOf,
  tableItems,
  type Ephemeral,
} from './support';
import { startTargetStack, visit, type TargetStack } from './target-stack';

let f: PublishFixture;
let to: TargetStack;
let ephemeral: Ephemeral;
let folder: string;
const work = mkdtempSync(join(tmpdir(), 'nbhd-backup-test-'));

beforeAll(async () => {
  f = await startPublishFixture();
  ephemeral = await seedNeighborhood(f);
  to = await startTargetStack(f.fixture.dynamo.endpoint, 'nbhd-restored');
  folder = join(work, 'live');
  // A refresh lock is held while the backup runs, as a sign-in may hold one.
  await createRequestLock(f.db)('refresh', () => makeBackup(sourceOf(f), folder));
}, 180_000);
afterAll(async () => {
  await to?.close();
  await f?.close();
  rmSync(work, { recursive: true, force: true });
});

const key = (k: { pk: string; sk: string }) => `${k.pk} ${k.sk}`;

describe('npm run restore into a fresh stack', () => {
  it('refuses a table that holds another neighborhood, writing nothing anywhere', async () => {
    await createTable(f.fixture.dynamo.endpoint, 'nbhd-other');
    const other = localDynamo(f.fixture.dynamo.endpoint, 'nbhd-other');
    const settings = { name: 'Elm Road', description: '', welcome: '', location: '' };
    await saveNeighborhood(
      other,
      { ...settings, directoryVisibility: 'public', joinPolicy: 'open', siteLimit: 3 },
      0,
    );
    await expect(restoreBackup({ ...to.target, table: 'nbhd-other' }, folder)).rejects.toThrow(
      /already holds a neighborhood: 1 items .*NEIGHBORHOOD SETTINGS/,
    );
    expect([...(await tableItems(to.target.dynamo, 'nbhd-other')).keys()]).toEqual([
      'NEIGHBORHOOD SETTINGS',
    ]);
    expect((await bucketFiles(to.target.s3, to.target.bucket)).size).toBe(0);
    expect(await readLivePointer(to.target.pointers, 'bees')).toBeUndefined();
  });

  it('brings back every item but sessions, sign-in state, counters and the expired', async () => {
    // A store that is not quite fresh: a key left for a site the backup has unpublished.
    await setLivePointer(to.target.pointers, 'notes', 'leftover0000000');
    const report = await restoreBackup(to.target, folder);
    expect(report.pointers).toMatchObject({ live: 1, set: 1, cleared: 1 });
    const source = await tableItems(sourceOf(f).dynamo, 'nbhd-test');
    const restored = await tableItems(to.target.dynamo, to.target.table);
    for (const k of ephemeral) {
      expect(source.has(key(k)), key(k)).toBe(true);
      expect(restored.has(key(k)), key(k)).toBe(false);
    }
    expect(report.manifest.leftOut).toMatchObject({ lock: 1, session: 1, 'oauth-grant': 1 });
    expect(restored.size).toBe(source.size - ephemeral.length);
    expect(report.items.written).toBe(restored.size);

    // Builds whose files the backup left out (it has only live ones) are marked pruned.
    const marked: string[] = [];
    for (const [k, item] of source) {
      if (ephemeral.some((e) => key(e) === k)) continue;
      const back = restored.get(k)!;
      if (back.prunedAt && !item.prunedAt) {
        marked.push(`${item.site!.S} ${item.state!.S}`);
        expect(back.prunedAt.S).toBe(report.manifest.createdAt);
        delete back.prunedAt;
      }
      expect(encodeItem(back), k).toBe(encodeItem(item));
    }
    expect(marked.sort()).toEqual(['bees live', 'notes live']);
    // A trashed entry keeps its purge time.
    const trashed = [...restored.values()].find((i) => i.deletedAt);
    expect(Number(trashed?.expiresAt?.N)).toBeGreaterThan(Date.now() / 1000);
  });

  it('puts the live files back byte for byte, at their keys, with their headers', async () => {
    const live = (await siteState(f.db, 'bees'))!.liveDeploy as string;
    const source = await bucketFiles(sourceOf(f).s3, sourceOf(f).bucket);
    const restored = await bucketFiles(to.target.s3, to.target.bucket);
    const liveKeys = [...source.keys()].filter((k) => k.startsWith(`sites/bees/${live}/`));
    expect(liveKeys.length).toBeGreaterThan(3);
    expect([...restored.keys()].sort()).toEqual(liveKeys.sort());
    for (const k of liveKeys) expect(restored.get(k), k).toEqual(source.get(k));
  });

  it('serves the same deploy of each published site, and nothing of the others', async () => {
    const live = await pointerOf(f, 'bees');
    expect(live).toBeDefined();
    expect(await readLivePointer(to.target.pointers, 'bees')).toBe(live);
    expect(await readLivePointer(to.target.pointers, 'notes')).toBeUndefined();
    expect(await readLivePointer(to.target.pointers, 'wasps')).toBeUndefined();
    const before = await visitSource(f, 'bees', '/');
    const after = await visit(to.host.port, 'bees', '/');
    expect(after).toEqual({ status: 200, body: before.body });
    expect((await visit(to.host.port, 'notes', '/')).status).toBe(404);
  });

  it('offers no restore of a build whose files were not backed up', async () => {
    const earlier = await earlierBuild(f, 'bees');
    const answer = await to.builder({ kind: 'restore', site: 'bees', deploy: earlier, by: alice });
    expect(answer).toEqual({ kind: 'not-restorable', reason: 'pruned' });
  });

  it('ends the same when run again, writing nothing', async () => {
    const before = await tableItems(to.target.dynamo, to.target.table);
    const again = await restoreBackup(to.target, folder);
    expect(again.items).toMatchObject({ written: 0, present: before.size });
    expect(again.files).toMatchObject({ uploaded: 0, present: again.manifest.files.count });
    expect(again.pointers).toMatchObject({ set: 0, cleared: 0, live: 1 });
    const after = await tableItems(to.target.dynamo, to.target.table);
    expect([...after].map(([, i]) => encodeItem(i))).toEqual(
      [...before].map(([, i]) => encodeItem(i)),
    );
  });

  it('refuses once the restored neighborhood has changed', async () => {
    const db = localDynamo(f.fixture.dynamo.endpoint, to.target.table);
    const bobNow = (await getMember(db, bob.did))!;
    await putMember(db, { ...bobNow, bio: 'Moved to Elm Road.' }, bobNow.version);
    await expect(restoreBackup(to.target, folder)).rejects.toThrow(
      new RegExp(`1 items .*MEMBER#${bob.did} PROFILE`),
    );
  });
});
