/**
 * Publishing end to end on this machine, the way the edge will start it:
 * a queued record and the site's lock written to dynalite, an Event
 * invocation of the builder behind its local Lambda-invoke endpoint, and
 * the clock stopped when the record says live (queued → live: read, render,
 * upload to the local S3, switch the local KeyValueStore). Measured for a
 * 10-post and a 200-post blog, cold (nothing rendered yet in the builder),
 * then a republish of the 200-post blog with nothing changed (its render
 * cached, as after a preview) and a restore of its first build. It counts
 * the S3 and KeyValueStore requests of each publish and weighs each home
 * page as a visitor of `name.localhost` gets it. Budget (the issue's):
 * under 10 s for 200 posts; published pages under 14 KiB compressed.
 *
 * Part of `npm run bench`; also runnable alone: `npx tsx bench/publish.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseBuilderConfig } from '../builder/config';
import { builderServices, createHandler } from '../builder/handler';
import { clearRenderCache } from '../builder/preview';
import {
  deployKey,
  deployRecord,
  isRunning,
  newDeployId,
  queuedBuild,
  toDeploy,
  type Deploy,
} from '../core/records/deploys';
import { siteKey } from '../core/records/sites';
import { invokeBuilder, queueBuilderRequest } from '../edge/builder';
import { saveNeighborhood } from '../edge/db/neighborhood';
import { startLocalBuilder } from '../scripts/local/builder';
import { demoNeighborhood, localDynamo } from '../scripts/local/demo';
import {
  createTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
} from '../scripts/local/dynamo';
import { startLocalKvs } from '../scripts/local/kvs';
import { freePorts } from '../scripts/local/ports';
import { startLocalS3 } from '../scripts/local/s3';
import { startLocalSites } from '../scripts/local/sites';
import { kib, sizes } from './compress';
import { countRequests, home, OWNER, seed, summary, total, type Counts } from './publish-support';
import { printTable, type Row } from './table';

export const PUBLISH_BUDGET_MS = 10_000;
const PAGE_BUDGET = 14 * 1024;
const FUNCTION = 'nbhd-builder-bench';

const ms = (n: number) => `${Math.round(n)} ms`;

/** Starts the local parts, publishes two blogs and restores one; the figures. */
export async function measurePublish(log: (line: string) => void = () => {}): Promise<Row[]> {
  const [dynamoPort, s3Port, kvsPort] = await freePorts(3);
  const stops: (() => Promise<unknown>)[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'nbhd-bench-s3-'));
  try {
    const dynamo = await startDynalite(dynamoPort!);
    stops.push(dynamo.close);
    const table = 'nbhd-bench';
    await createTable(dynamo.endpoint, table);
    const db = localDynamo(dynamo.endpoint, table);
    await saveNeighborhood(db, demoNeighborhood, 0);
    const credentials = LOCAL_CREDENTIALS;
    const s3 = await startLocalS3({ port: s3Port!, bucket: 'nbhd-sites', credentials, directory });
    stops.push(s3.close);
    const kvs = await startLocalKvs({ port: kvsPort!, credentials });
    stops.push(kvs.close);
    const kvsEndpoint = `http://localhost:${kvsPort}`;
    const host = await startLocalSites({
      port: 0,
      s3,
      kvs: { endpoint: kvsEndpoint, arn: kvs.arn },
      credentials,
    });
    stops.push(host.close);
    log('Seeding a 10-post and a 200-post blog…');
    await seed(db, 'ten', 10);
    await seed(db, 'notes', 200);

    const services = builderServices(
      parseBuilderConfig({
        DYNAMODB_TABLE: table,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        AWS_REGION: LOCAL_REGION,
        SITES_URL: 'http://localhost:8788',
        PUBLIC_URL: 'http://127.0.0.1:8787',
        SITES_BUCKET: s3.bucket,
        SITES_KVS_ARN: kvs.arn,
        S3_ENDPOINT: s3.endpoint,
        KVS_ENDPOINT: kvsEndpoint,
      }),
      credentials,
    );
    const counts: Counts = new Map();
    countRequests(services, counts);
    const builder = await startLocalBuilder({
      port: 0,
      functionName: FUNCTION,
      handler: createHandler(() => services),
    });
    stops.push(builder.close);
    const config = {
      builder: {
        endpoint: builder.url,
        functionName: FUNCTION,
        region: LOCAL_REGION,
        ...credentials,
      },
    };

    /** Queues a build as the edge does and waits for its record to finish. */
    const publish = async (site: string) => {
      counts.clear();
      const started = performance.now();
      const id = newDeployId();
      const record = queuedBuild(site, id, OWNER);
      await db.put(deployRecord(record));
      await db.update(siteKey(site), 'SET building = :id, buildDeadline = :deadline', {
        condition: 'attribute_not_exists(building)',
        values: { ':id': id, ':deadline': record.deadline },
      });
      await queueBuilderRequest(config, { kind: 'publish', site, deploy: id });
      let deploy: Deploy | undefined;
      do {
        await new Promise((resolve) => setTimeout(resolve, 10));
        deploy = toDeploy(await db.get(deployKey(site, id)));
      } while (deploy && isRunning(deploy));
      const elapsed = performance.now() - started;
      if (deploy?.state !== 'live') throw new Error(`publish of ${site}: ${deploy?.log.join(' ')}`);
      return { deploy, elapsed, requests: new Map(counts) };
    };
    const stages = (d: Deploy) =>
      `render ${d.stages.rendering?.ms} ms, upload ${d.stages.uploading?.ms} ms, ` +
      `going live ${d.stages['going-live']?.ms} ms; ${d.files} files, ${kib(d.bytes ?? 0)}`;

    const rows: Row[] = [];
    for (const [site, posts] of [
      ['ten', 10],
      ['notes', 200],
    ] as const) {
      log(`Publishing the ${posts}-post blog…`);
      clearRenderCache();
      const { deploy, elapsed, requests } = await publish(site);
      rows.push({
        name: `publish / ${posts} posts (queued → live)`,
        value: ms(elapsed),
        ...(posts === 200 && { budget: ms(PUBLISH_BUDGET_MS), ok: elapsed < PUBLISH_BUDGET_MS }),
        detail: stages(deploy),
      });
      rows.push({
        name: `publish / requests (${posts} posts)`,
        value: `${total(requests, 'S3')} S3, ${total(requests, 'KVS')} KVS`,
        detail: summary(requests),
      });
      const page = sizes(await home(host.port, site));
      rows.push({
        name: `published home / gzip (${posts} posts)`,
        value: kib(page.gzip),
        budget: kib(PAGE_BUDGET),
        ok: page.gzip < PAGE_BUDGET,
        detail: `raw ${kib(page.raw)}, brotli ${kib(page.brotli)}`,
      });
    }
    const first = (await db.get<{ liveDeploy: string }>(siteKey('notes')))!.liveDeploy;
    log('Republishing the 200-post blog, then restoring its first build…');
    const again = await publish('notes');
    rows.push({
      name: 'republish / 200 posts, render cached',
      value: ms(again.elapsed),
      detail: `${stages(again.deploy)}; ${again.deploy.changes?.changed.length ?? 0} pages changed`,
    });
    counts.clear();
    const started = performance.now();
    const restored = await invokeBuilder(config, {
      kind: 'restore',
      site: 'notes',
      deploy: first,
      by: OWNER,
    });
    const restoreMs = performance.now() - started;
    if (restored.kind !== 'restored') throw new Error(`restore answered ${restored.kind}`);
    rows.push({
      name: 'restore / 200 posts (pointer moved)',
      value: ms(restoreMs),
      detail: summary(counts),
    });
    return rows;
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  measurePublish((line) => console.log(line))
    .then((rows) => printTable('nbhd publishing (budgets from DESIGN.md and the issue)', rows))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
