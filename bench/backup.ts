/**
 * Backup and restore on this machine: `npm run backup`'s and `npm run
 * restore`'s own code against dynalite, the local S3 and the local
 * KeyValueStore, for the demo neighborhood and for a street of 200
 * members with 50 published sites. For each it prints how long the backup
 * takes and how big it is (items, files, the folder on disk), how long a
 * restore into a fresh table, bucket and store takes, and a second restore
 * (which finds everything in place), with the AWS requests each made. The
 * local parts answer far faster than AWS does; the request counts are
 * what carries over. It prints and never asserts.
 *
 * `npx tsx bench/backup.ts`
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { kvsClient } from '../builder/storage/live-pointer';
import { s3Client } from '../builder/storage/site-files';
import { sizeText } from '../core/site-limits';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynalite } from '../scripts/local/dynamo';
import { freePort } from '../scripts/local/ports';
import { makeBackup } from '../scripts/ops/make-backup';
import { restoreBackup } from '../scripts/ops/run-restore';
import { seedDemo, seedStreet, startStore, type LocalStore } from './backup-seed';
import { printTable, type Row } from './table';

type Counts = Map<string, number>;
type Client = { middlewareStack: { add: (...args: never[]) => void } };

/** Counts every request `client` sends, by service and command. */
function counted<C>(client: C, service: string, counts: Counts): C {
  (client as Client).middlewareStack.add(
    ((next: (a: unknown) => unknown, context: { commandName?: string }) => (args: unknown) => {
      const name = `${service} ${(context.commandName ?? '?').replace(/Command$/, '')}`;
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    }) as never,
    { step: 'initialize' } as never,
  );
  return client;
}

function clients(endpoint: string, store: LocalStore, counts: Counts) {
  const credentials = LOCAL_CREDENTIALS;
  const region = LOCAL_REGION;
  return {
    dynamo: counted(new DynamoDBClient({ endpoint, region, credentials }), 'DynamoDB', counts),
    s3: counted(s3Client({ region, endpoint: store.s3.endpoint, credentials }), 'S3', counts),
    pointers: {
      arn: store.kvs.arn,
      client: counted(
        kvsClient({ region, endpoint: store.kvsEndpoint, credentials }),
        'KVS',
        counts,
      ),
    },
  };
}

const summary = (counts: Counts) =>
  [...counts]
    .sort()
    .map(([name, n]) => `${n} ${name}`)
    .join(', ');

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, string]> {
  const start = performance.now();
  const result = await work();
  return [result, `${((performance.now() - start) / 1000).toFixed(2)} s`];
}

async function measure(
  label: string,
  endpoint: string,
  seed: (store: LocalStore) => Promise<void>,
  work: string,
): Promise<Row[]> {
  const source = await startStore(endpoint, `${label}-source`);
  const target = await startStore(endpoint, `${label}-target`);
  try {
    console.log(`Seeding ${label}…`);
    const [, seeded] = await timed(() => seed(source));
    console.log(`  seeded and published in ${seeded}`);
    const folder = join(work, label);
    const backupCounts: Counts = new Map();
    const from = clients(endpoint, source, backupCounts);
    const src = { region: LOCAL_REGION, table: source.table, bucket: source.s3.bucket, ...from };
    const [m, backupTime] = await timed(() => makeBackup(src, folder));
    const restoreCounts: Counts = new Map();
    const first = clients(endpoint, target, restoreCounts);
    const [r, restoreTime] = await timed(() =>
      restoreBackup({ ...first, table: target.table, bucket: target.s3.bucket }, folder),
    );
    const againCounts: Counts = new Map();
    const again = clients(endpoint, target, againCounts);
    const [, againTime] = await timed(() =>
      restoreBackup({ ...again, table: target.table, bucket: target.s3.bucket }, folder),
    );
    const left = Object.entries(m.leftOut)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    return [
      {
        name: `${label}: backup`,
        value: backupTime,
        detail: `${m.items.count} items (${sizeText(m.items.bytes)}; left out ${left}), ${m.files.count} files (${sizeText(m.files.bytes)}) of ${m.deploys.length} deploys; ${summary(backupCounts)}`,
      },
      { name: `${label}: backup folder`, value: sizeText(folderBytes(folder)) },
      {
        name: `${label}: restore`,
        value: restoreTime,
        detail: `${r.items.written} items, ${r.files.uploaded} files, ${r.pointers.set} pointers; ${summary(restoreCounts)}`,
      },
      {
        name: `${label}: restore again`,
        value: againTime,
        detail: `writes nothing; ${summary(againCounts)}`,
      },
    ];
  } finally {
    await target.close();
    await source.close();
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'nbhd-bench-backup-'));
  const dynamo = await startDynalite(await freePort());
  try {
    const rows = [
      ...(await measure('demo', dynamo.endpoint, (s) => seedDemo(dynamo.endpoint, s), work)),
      ...(await measure(
        'street',
        dynamo.endpoint,
        (s) => seedStreet(dynamo.endpoint, s, { members: 200, sites: 50 }),
        work,
      )),
    ];
    printTable('Backup and restore (local parts)', rows);
  } finally {
    await dynamo.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
