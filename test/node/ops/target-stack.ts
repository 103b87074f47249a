/**
 * A fresh stack for the restore tests to restore into, beside the source:
 * a new table in the source's dynalite, its own local S3 (restartable on
 * the same objects, as an S3 that went down and came back), its own
 * KeyValueStore, a site host reading them, and the real builder working on
 * them; and a visitor of that host.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { parseBuilderConfig } from '../../../builder/config';
import { builderServices, createHandler } from '../../../builder/handler';
import { kvsClient, type LivePointers } from '../../../builder/storage/live-pointer';
import { s3Client } from '../../../builder/storage/site-files';
import type { BuilderResponse } from '../../../core/builder-protocol';
import type { LocalSiteHost } from '../../../hosting/local-host';
import { createTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../scripts/local/dynamo';
import { startLocalKvs, type LocalKvs } from '../../../scripts/local/kvs';
import { freePorts } from '../../../scripts/local/ports';
import { startLocalS3, type LocalS3 } from '../../../scripts/local/s3';
import { startLocalSites } from '../../../scripts/local/sites';
import type { RestoreTarget } from '../../../scripts/ops/run-restore';
import { builderEnv } from '../builder-support';
import { dynamoClient } from './support';

export interface TargetStack {
  target: RestoreTarget;
  /** The builder's variables for this stack, which the commands read too. */
  env: Record<string, string>;
  /** The real builder handler, working on this stack. */
  builder: (event: unknown) => Promise<BuilderResponse>;
  s3: LocalS3;
  kvs: LocalKvs;
  host: LocalSiteHost;
  stopS3(): void;
  restartS3(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh stack beside the source: a new table in dynalite `endpoint`, an S3, a store, a host. */
export async function startTargetStack(endpoint: string, table: string): Promise<TargetStack> {
  await createTable(endpoint, table);
  const bucket = 'nbhd-restored-sites';
  const [s3Port, kvsPort] = await freePorts(2);
  const directory = mkdtempSync(join(tmpdir(), 'nbhd-restore-s3-'));
  const startS3 = () =>
    startLocalS3({
      port: s3Port!,
      bucket,
      credentials: LOCAL_CREDENTIALS,
      directory,
      keepObjects: true,
    });
  let s3 = await startS3();
  const kvs = await startLocalKvs({ port: kvsPort!, credentials: LOCAL_CREDENTIALS });
  const kvsEndpoint = `http://localhost:${kvsPort}`;
  const host = await startLocalSites({
    port: 0,
    s3: { endpoint: s3.endpoint, bucket },
    kvs: { endpoint: kvsEndpoint, arn: kvs.arn },
    credentials: LOCAL_CREDENTIALS,
  });
  const pointers: LivePointers = {
    client: kvsClient({
      region: LOCAL_REGION,
      endpoint: kvsEndpoint,
      credentials: LOCAL_CREDENTIALS,
    }),
    arn: kvs.arn,
  };
  const client = s3Client({
    region: LOCAL_REGION,
    endpoint: s3.endpoint,
    credentials: LOCAL_CREDENTIALS,
  });
  const env = {
    ...builderEnv(endpoint),
    DYNAMODB_TABLE: table,
    SITES_BUCKET: bucket,
    SITES_KVS_ARN: kvs.arn,
    S3_ENDPOINT: s3.endpoint,
    KVS_ENDPOINT: kvsEndpoint,
  };
  const services = builderServices(parseBuilderConfig(env), LOCAL_CREDENTIALS);
  const stack: TargetStack = {
    target: { dynamo: dynamoClient(endpoint), table, s3: client, bucket, pointers },
    env,
    builder: createHandler(() => services),
    s3,
    kvs,
    host,
    stopS3: () => void stack.s3.process.kill('SIGKILL'),
    async restartS3() {
      s3 = await startS3();
      stack.s3 = s3;
    },
    async close() {
      await host.close();
      await kvs.close();
      await stack.s3.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  return stack;
}

/** GET `path` of `<site>.localhost` on the site host at `port`. */
export function visit(port: number, site: string, path = '/') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `${site}.localhost:${port}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
