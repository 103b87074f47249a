/**
 * What the publishing tests share: a real dynalite holding Oak Street and
 * alice's blog `bees` (written through the edge's own data layer), the
 * local S3 in its own process (restartable on the same objects, as an S3
 * that went down and came back), the local KeyValueStore, the site host
 * serving `<name>.localhost` through the CloudFront Function's source, and
 * the real builder handler configured for all of them as the local stack
 * configures it. `queue` starts a build the way the edge does: a queued
 * record and the site's lock, written conditionally.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parseBuilderConfig } from '../../../builder/config';
import { builderServices, createHandler, type BuilderServices } from '../../../builder/handler';
import { readLivePointer } from '../../../builder/storage/live-pointer';
import type { BuilderResponse } from '../../../core/builder-protocol';
import {
  deployKey,
  deployRecord,
  newDeployId,
  queuedBuild,
  toDeploy,
  type Deploy,
} from '../../../core/records/deploys';
import { siteKey } from '../../../core/records/sites';
import type { Dynamo } from '../../../edge/db/dynamo';
import { LOCAL_CREDENTIALS } from '../../../scripts/local/dynamo';
import { startLocalKvs, type LocalKvs } from '../../../scripts/local/kvs';
import { freePorts } from '../../../scripts/local/ports';
import { startLocalS3, type LocalS3 } from '../../../scripts/local/s3';
import { startLocalSites } from '../../../scripts/local/sites';
import type { LocalSiteHost } from '../../../hosting/local-host';
import { builderEnv, startBuilderFixture, type BuilderFixture } from '../builder-support';

export const BUCKET = 'nbhd-sites';
export const alice = { did: 'did:plc:builderowneraaaaaaaaaaaa', handle: 'alice.test' };

export interface PublishFixture {
  fixture: BuilderFixture;
  /** The builder's environment, as the local stack gives it. */
  env: Record<string, string>;
  db: Dynamo;
  s3: LocalS3;
  kvs: LocalKvs;
  host: LocalSiteHost;
  services: BuilderServices & { publishing: NonNullable<BuilderServices['publishing']> };
  handler: (event: unknown) => Promise<BuilderResponse>;
  /** Kills the local S3 outright (as a crash would). */
  stopS3(): void;
  /** Starts it again on the same port and the same objects. */
  restartS3(): Promise<void>;
  close(): Promise<void>;
}

export async function startPublishFixture(): Promise<PublishFixture> {
  const fixture = await startBuilderFixture();
  const [s3Port, kvsPort] = await freePorts(2);
  const directory = mkdtempSync(join(tmpdir(), 'nbhd-publish-s3-'));
  const startS3 = () =>
    startLocalS3({
      port: s3Port!,
      bucket: BUCKET,
      credentials: LOCAL_CREDENTIALS,
      directory,
      keepObjects: true,
    });
  let s3 = await startS3();
  const kvs = await startLocalKvs({ port: kvsPort!, credentials: LOCAL_CREDENTIALS });
  const kvsEndpoint = `http://localhost:${kvsPort}`;
  const host = await startLocalSites({
    port: 0,
    s3: { endpoint: s3.endpoint, bucket: BUCKET },
    kvs: { endpoint: kvsEndpoint, arn: kvs.arn },
    credentials: LOCAL_CREDENTIALS,
  });
  const env = {
    ...builderEnv(fixture.dynamo.endpoint),
    SITES_BUCKET: BUCKET,
    SITES_KVS_ARN: kvs.arn,
    S3_ENDPOINT: s3.endpoint,
    KVS_ENDPOINT: kvsEndpoint,
  };
  const services = builderServices(
    parseBuilderConfig(env),
    LOCAL_CREDENTIALS,
  ) as PublishFixture['services'];
  const result: PublishFixture = {
    fixture,
    env,
    db: fixture.db,
    s3,
    kvs,
    host,
    services,
    handler: createHandler(() => services),
    stopS3: () => void result.s3.process.kill('SIGKILL'),
    async restartS3() {
      s3 = await startS3();
      result.s3 = s3;
    },
    async close() {
      await host.close();
      await kvs.close();
      await result.s3.close();
      rmSync(directory, { recursive: true, force: true });
      await fixture.dynamo.close();
    },
  };
  return result;
}

/** Starts a build of `site` as the edge does; the id of its queued record. */
export async function queue(db: Dynamo, site: string, now = new Date()): Promise<string> {
  const id = newDeployId(now);
  const record = queuedBuild(site, id, alice, now);
  await db.put(deployRecord(record));
  await db.update(siteKey(site), 'SET building = :id, buildDeadline = :deadline', {
    condition: 'attribute_not_exists(building) OR buildDeadline < :now',
    values: { ':id': id, ':deadline': record.deadline, ':now': now.toISOString() },
  });
  return id;
}

/** Queues a build of `site` and runs it through the handler. */
export async function publish(f: PublishFixture, site = 'bees') {
  const id = await queue(f.db, site);
  const answer = await f.handler({ kind: 'publish', site, deploy: id });
  return { id, answer, deploy: (await deployOf(f.db, site, id))! };
}

export async function deployOf(db: Dynamo, site: string, id: string): Promise<Deploy | undefined> {
  return toDeploy(await db.get(deployKey(site, id)));
}

export const siteState = (db: Dynamo, site = 'bees') =>
  db.get<Record<string, unknown>>(siteKey(site));

/** The deploy id the KeyValueStore names for `site`. */
export const pointerOf = (f: PublishFixture, site = 'bees') =>
  readLivePointer(f.services.publishing.pointers, site);

/** Every key in the bucket under `prefix`. */
export async function keysUnder(f: PublishFixture, prefix: string): Promise<string[]> {
  const { client, bucket } = f.services.publishing.bucket;
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

/** GET `path` of `<site>.localhost` on the site host, as a visitor's browser asks it. */
export function visit(f: PublishFixture, site = 'bees', path = '/') {
  return new Promise<{ status: number; type?: string; cache?: string; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: f.host.port,
          path,
          headers: { host: `${site}.localhost:${f.host.port}` },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              type: res.headers['content-type'],
              cache: res.headers['cache-control'],
              body,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}
