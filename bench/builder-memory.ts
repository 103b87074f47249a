/**
 * How much memory the builder needs, measured: the real handler answering
 * a publish of a 10-post, a 200-post and a 1,000-post blog (as many
 * entries as a site may hold), a cold preview of the
 * 200-post blog, and its export, each in a fresh Node process
 * (`bench/builder-memory-case.ts`, run with `--expose-gc`) against dynalite,
 * the local S3 and the local KeyValueStore started here. It prints each
 * case's peak resident memory (what Lambda bills against `memorySize`), its
 * peak heap, wall and CPU time, and the requests it made with the DynamoDB
 * capacity they consumed; then the wall time each case would take at a
 * few Lambda memory sizes, since Lambda gives CPU in proportion to memory
 * (one full vCPU at 1,769 MB): the CPU part stretches, waiting on the
 * network does not. Reports and never fails.
 *
 * `npx tsx bench/builder-memory.ts`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUILDER_NODE_MODULES } from '../infra/constructs/builder';
import { deployRecord, newDeployId, queuedBuild } from '../core/records/deploys';
import { siteKey } from '../core/records/sites';
import { siteLimits } from '../core/site-limits';
import { saveNeighborhood } from '../edge/db/neighborhood';
import { demoNeighborhood, localDynamo } from '../scripts/local/demo';
import {
  createTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
} from '../scripts/local/dynamo';
import { startLocalKvs } from '../scripts/local/kvs';
import { freePorts } from '../scripts/local/ports';
import { root } from '../scripts/local/edge';
import { startLocalS3 } from '../scripts/local/s3';
import { OWNER, seed } from './publish-support';
import { printTable, type Row } from './table';

/** What one case printed. */
export interface CaseFigures {
  answer: string;
  peakRssMiB: number;
  loadedRssMiB: number;
  heapPeakMiB: number;
  wallMs: number;
  cpuMs: number;
  dynamo: { read: number; write: number; requests: number };
  counts: Record<string, number>;
}

/** Lambda's memory sizes worth comparing, and the one that gives a full vCPU. */
const SIZES = [512, 1024, 1769];
const FULL_VCPU_MB = 1769;
const caseScript = fileURLToPath(new URL('./builder-memory-case.ts', import.meta.url));
/** Laid out as the Lambda asset is: the bundle in `builder/`, the templates beside it. */
const assetDir = join(root, '.nbhd', 'bench-builder');
const bundled = join(assetDir, 'builder', 'memory-case.mjs');

/**
 * Bundles the case as the CDK app bundles the builder (esbuild, ES module,
 * Eleventy and its kin left as installed packages), so the process holds
 * what the Lambda's does and not a TypeScript loader's caches.
 */
async function bundleCase(): Promise<void> {
  rmSync(assetDir, { recursive: true, force: true });
  mkdirSync(join(assetDir, 'builder'), { recursive: true });
  symlinkSync(join(root, 'templates'), join(assetDir, 'templates'));
  await build({
    entryPoints: [caseScript],
    outfile: bundled,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...BUILDER_NODE_MODULES],
    banner: {
      js: "import { createRequire as __nbhdCreateRequire } from 'node:module'; const require = __nbhdCreateRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
}

function runCase(env: Record<string, string>, request: unknown): Promise<CaseFigures> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', bundled, JSON.stringify(request)],
      { env: { ...process.env, ...env, NODE_OPTIONS: '' }, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as CaseFigures);
      },
    );
  });
}

/** Wall time at `mb`: the CPU part at that share of a vCPU, the rest (waiting) unchanged. */
export const wallAt = (f: CaseFigures, mb: number) =>
  Math.max(0, f.wallMs - f.cpuMs) + (f.cpuMs * FULL_VCPU_MB) / Math.min(mb, FULL_VCPU_MB);

export async function measureBuilderMemory(log: (line: string) => void = () => {}) {
  const [dynamoPort, s3Port, kvsPort] = await freePorts(3);
  const stops: (() => Promise<unknown>)[] = [
    async () => rmSync(assetDir, { recursive: true, force: true }),
  ];
  try {
    log('Bundling the builder as the CDK app does…');
    await bundleCase();
    const dynamo = await startDynalite(dynamoPort!);
    stops.push(dynamo.close);
    await createTable(dynamo.endpoint, 'nbhd-bench');
    const db = localDynamo(dynamo.endpoint, 'nbhd-bench');
    await saveNeighborhood(db, demoNeighborhood, 0);
    const s3 = await startLocalS3({
      port: s3Port!,
      bucket: 'nbhd-sites',
      credentials: LOCAL_CREDENTIALS,
    });
    stops.push(s3.close);
    const kvs = await startLocalKvs({ port: kvsPort!, credentials: LOCAL_CREDENTIALS });
    stops.push(kvs.close);
    log('Seeding blogs of 10, 200 and 1,000 posts…');
    await seed(db, 'ten', 10);
    await seed(db, 'notes', 200);
    await seed(db, 'most', siteLimits.items);
    const env = {
      DYNAMODB_TABLE: 'nbhd-bench',
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      SITES_URL: 'http://localhost:8788',
      PUBLIC_URL: 'http://127.0.0.1:8787',
      SITES_BUCKET: s3.bucket,
      SITES_KVS_ARN: kvs.arn,
      S3_ENDPOINT: s3.endpoint,
      KVS_ENDPOINT: `http://localhost:${kvsPort}`,
    };
    /** A queued build holding its site's lock, as the edge leaves it before the Event. */
    const queue = async (site: string) => {
      const id = newDeployId();
      const record = queuedBuild(site, id, OWNER);
      await db.put(deployRecord(record));
      await db.update(siteKey(site), 'SET building = :id, buildDeadline = :deadline', {
        condition: 'attribute_not_exists(building)',
        values: { ':id': id, ':deadline': record.deadline },
      });
      return { kind: 'publish', site, deploy: id };
    };
    const cases: [string, () => Promise<unknown>][] = [
      ['publish, 10 posts', () => queue('ten')],
      ['publish, 200 posts', () => queue('notes')],
      ['publish, 1,000 posts (the site limit)', () => queue('most')],
      ['preview, 200 posts (cold)', async () => ({ kind: 'preview', site: 'notes', path: '/' })],
      ['export, 200 posts', async () => ({ kind: 'export', site: 'notes' })],
    ];
    const results: [string, CaseFigures][] = [];
    for (const [name, request] of cases) {
      log(`Measuring ${name}…`);
      results.push([name, await runCase(env, await request())]);
    }
    return results;
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}

/** The figures as the benchmarks' table rows. */
export function memoryRows(results: [string, CaseFigures][]): Row[] {
  const mib = (n: number) => `${Math.round(n)} MiB`;
  const ms = (n: number) => `${Math.round(n)} ms`;
  return results.flatMap(([name, f]) => [
    {
      name: `builder memory / ${name}`,
      value: mib(f.peakRssMiB),
      detail:
        `${f.answer}; loaded ${mib(f.loadedRssMiB)} before the request, heap peak ` +
        `${mib(f.heapPeakMiB)}; wall ${ms(f.wallMs)}, CPU ${ms(f.cpuMs)}`,
    },
    {
      name: `builder requests / ${name}`,
      value: `${f.dynamo.requests} DynamoDB`,
      detail:
        `${f.dynamo.read} RCU, ${f.dynamo.write} WCU consumed; ` +
        Object.entries(f.counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(', '),
    },
    {
      name: `builder wall at ${SIZES.join(' / ')} MB / ${name}`,
      value: SIZES.map((mb) => ms(wallAt(f, mb))).join(' / '),
    },
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  measureBuilderMemory(console.log)
    .then((results) =>
      printTable('nbhd builder memory (one fresh process per case)', memoryRows(results)),
    )
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
