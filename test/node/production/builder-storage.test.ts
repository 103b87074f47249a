/**
 * The builder's S3 and KeyValueStore requests in its production
 * configuration: no `S3_ENDPOINT` or `KVS_ENDPOINT`, credentials only from
 * the environment as Lambda sets them for the function's role (with a
 * session token). The real handler publishes and exports on dynalite; the
 * strict stand-ins at the SDK clients' transport check every request's
 * AWS shape and pass it to the local S3 and KeyValueStore, which answer.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseBuilderConfig } from '../../../builder/config';
import { downloadUrl, EXPORT_URL_SECONDS } from '../../../builder/export/download';
import { contentType } from '../../../builder/files';
import { builderServices, createHandler, type BuilderServices } from '../../../builder/handler';
import { kvsClient, readLivePointer } from '../../../builder/storage/live-pointer';
import { cacheControl, s3Client } from '../../../builder/storage/site-files';
import type { BuilderResponse } from '../../../core/builder-protocol';
import { newDeployId, deployRecord, queuedBuild } from '../../../core/records/deploys';
import { siteKey } from '../../../core/records/sites';
import type { Dynamo } from '../../../edge/db/dynamo';
import { createItem } from '../../../edge/db/items';
import { LOCAL_CREDENTIALS, type LocalDynamo } from '../../../scripts/local/dynamo';
import { LOCAL_KVS_ARN, startLocalKvs, type LocalKvs } from '../../../scripts/local/kvs';
import { freePort } from '../../../scripts/local/ports';
import { startLocalS3, type LocalS3 } from '../../../scripts/local/s3';
import { itemContent } from '../../support/item-content';
import { ownerDid, startBuilderFixture } from '../builder-support';
import { kvsStandIn, presignedGet, s3StandIn, type SessionCredentials } from './aws-stand-ins';
import { verifySigV4 } from './sigv4';

const REGION = 'eu-west-1';
const BUCKET = 'nbhd-sitesbucket1a2b3c4d-0123456789ab';
/** As Lambda gives a role's credentials: AWS_ACCESS_KEY_ID, _SECRET_ACCESS_KEY and _SESSION_TOKEN. */
const ROLE: SessionCredentials = {
  accessKeyId: 'ASIAQROLEEXAMPLE7Z2X',
  secretAccessKey: 'r0leSecretKeyExample/wJalrXUtnFEMI/K7MDENG',
  sessionToken: 'IQoJb3JpZ2luX2VjEHQaCWV1LXdlc3QtMSJHMEUCIQD+example/session+token==',
};
const owner = { did: ownerDid, handle: 'alice.test' };

let dynamo: LocalDynamo;
let db: Dynamo;
let s3: LocalS3;
let kvs: LocalKvs;
let services: BuilderServices;
let handler: (event: unknown) => Promise<BuilderResponse>;
let s3Seen: ReturnType<typeof s3StandIn>;
let kvsSeen: ReturnType<typeof kvsStandIn>;

/** Puts `transport` under an SDK client, where its HTTP requests would go out. */
const sendThrough = (client: { config: object }, transport: unknown) => {
  (client.config as { requestHandler: unknown }).requestHandler = transport;
};

beforeAll(async () => {
  ({ dynamo, db } = await startBuilderFixture());
  await createItem(db, 'bees', itemContent({ title: 'First honey', slug: 'first-honey' }));
  s3 = await startLocalS3({
    port: await freePort(),
    bucket: BUCKET,
    credentials: LOCAL_CREDENTIALS,
  });
  const kvsPort = await freePort();
  kvs = await startLocalKvs({ port: kvsPort, credentials: ROLE });
  vi.stubEnv('AWS_ACCESS_KEY_ID', ROLE.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', ROLE.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', ROLE.sessionToken);
  services = builderServices(
    parseBuilderConfig({
      DYNAMODB_TABLE: 'nbhd-test',
      // The one local part: DynamoDB's production path is the edge's and the CDK's concern.
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: REGION,
      SITES_URL: 'https://oak.example',
      PUBLIC_URL: 'https://oak.example',
      SITES_BUCKET: BUCKET,
      SITES_KVS_ARN: LOCAL_KVS_ARN,
    }),
  );
  const s3Port = Number(new URL(s3.endpoint).port);
  s3Seen = s3StandIn({
    bucket: BUCKET,
    region: REGION,
    credentials: ROLE,
    local: { port: s3Port, credentials: LOCAL_CREDENTIALS },
  });
  kvsSeen = kvsStandIn({ arn: LOCAL_KVS_ARN, credentials: ROLE, port: kvsPort });
  sendThrough(services.publishing!.bucket.client, s3Seen.handler);
  sendThrough(services.publishing!.pointers.client, kvsSeen.handler);
  handler = createHandler(() => services);
}, 120_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await s3?.close();
  await kvs?.close();
  await dynamo?.close();
});

/** Queues a build of `bees` as the edge does, and runs it as the Event would. */
async function publish() {
  const id = newDeployId();
  const record = queuedBuild('bees', id, owner);
  await db.put(deployRecord(record));
  await db.update(siteKey('bees'), 'SET building = :id, buildDeadline = :deadline', {
    condition: 'attribute_not_exists(building)',
    values: { ':id': id, ':deadline': record.deadline },
  });
  return { id, answer: await handler({ kind: 'publish', site: 'bees', deploy: id }) };
}

/** The pointer as the local store holds it, read with a client of its own. */
const live = () =>
  readLivePointer(
    {
      client: kvsClient({
        region: REGION,
        endpoint: kvs.url.replace('127.0.0.1', 'localhost'),
        credentials: ROLE,
      }),
      arn: LOCAL_KVS_ARN,
    },
    'bees',
  );

describe('a publish in production configuration', () => {
  let first: string;

  it('uploads every file virtual-hosted, signed with the role’s session, then moves the pointer', async () => {
    const { id, answer } = await publish();
    first = id;
    expect({ answer, s3: s3Seen.problems, kvs: kvsSeen.problems }).toEqual({
      answer: { kind: 'deploy', state: 'live' },
      s3: [],
      kvs: [],
    });
    const puts = s3Seen.requests.filter((r) => r.method === 'PUT');
    expect(puts.length).toBeGreaterThan(3);
    for (const put of puts) {
      expect(put.url.host).toBe(`${BUCKET}.s3.${REGION}.amazonaws.com`);
      expect(put.url.pathname.startsWith(`/sites/bees/${id}/`)).toBe(true);
      const path = decodeURIComponent(put.url.pathname.slice(`/sites/bees/${id}/`.length));
      expect(put.headers['content-type']).toBe(contentType(path));
      expect(put.headers['cache-control']).toBe(cacheControl(path));
      expect(put.headers['x-amz-security-token']).toBe(ROLE.sessionToken);
      expect(put.signedHeaders).toEqual(
        expect.arrayContaining(['host', 'x-amz-content-sha256', 'x-amz-security-token']),
      );
    }
    expect(puts.map((p) => p.url.pathname)).toContain(`/sites/bees/${id}/index.html`);

    const store = `/key-value-stores/${encodeURIComponent(LOCAL_KVS_ARN)}`;
    const put = kvsSeen.requests.find((r) => r.method === 'PUT');
    expect(put?.url.href).toBe(
      `https://123456789012.cloudfront-kvs.global.api.aws${store}/keys/bees`,
    );
    expect(put?.headers['if-match']).toMatch(/^KV/);
    expect(put?.headers.authorization).toMatch(/^AWS4-ECDSA-P256-SHA256 /);
    expect(kvsSeen.requests.every((r) => r.headers['x-amz-region-set'] === '*')).toBe(true);
    expect(await live()).toBe(id);
  });

  it('fails the build and leaves the live version alone when the store refuses the write', async () => {
    kvs.refuseWrites(true);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { answer } = await publish();
      expect(answer).toEqual({ kind: 'deploy', state: 'failed' });
    } finally {
      kvs.refuseWrites(false);
      vi.restoreAllMocks();
    }
    expect(await live()).toBe(first);
  });
});

describe('an export in production configuration', () => {
  it('stores the ZIP and answers an address signed with the session, valid for ten minutes', async () => {
    const answer = await handler({ kind: 'export', site: 'bees' });
    if (answer.kind !== 'export') throw new Error(`answered ${answer.kind}`);
    const url = new URL(answer.url);
    expect(url.host).toBe(`${BUCKET}.s3.${REGION}.amazonaws.com`);
    expect(url.pathname).toMatch(/^\/exports\/bees\/[0-9a-f]{32}\.zip$/);
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(ROLE.sessionToken);
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(EXPORT_URL_SECONDS));
    const signed = verifySigV4(
      {
        method: 'GET',
        host: url.host,
        rawPath: url.pathname,
        query: url.searchParams,
        headers: {},
        body: new Uint8Array(),
      },
      { ...ROLE, region: REGION, service: 's3', encodePathOnce: true },
    );
    expect(signed.expiresIn).toBe(600);
    const stored = s3Seen.requests.find(
      (r) => r.method === 'PUT' && r.url.pathname === url.pathname,
    );
    expect(stored?.headers['content-type']).toBe('application/zip');
    expect(stored?.body.byteLength).toBe(answer.bytes);
    expect(s3Seen.problems).toEqual([]);
    // The member's browser, sent there, gets the ZIP itself.
    const got = await presignedGet(s3Seen.handler, answer.url);
    expect(got.status).toBe(200);
    expect(got.body.equals(stored!.body)).toBe(true);
  });

  it('makes an address S3 refuses once its ten minutes are over', async () => {
    const bucket = services.publishing!.bucket;
    const key = 'exports/bees/0123456789abcdef0123456789abcdef.zip';
    const signedAt = new Date(Date.now() - (EXPORT_URL_SECONDS + 60) * 1000);
    const late = await presignedGet(s3Seen.handler, await downloadUrl(bucket, key, { signedAt }));
    expect(late.status).toBe(403);
    expect(s3Seen.problems.pop()).toMatch(/expired/);
  });
});

describe('the stand-ins', () => {
  it('refuse an upload signed without the session token, as S3 refuses it', async () => {
    const client = s3Client({
      region: REGION,
      credentials: { accessKeyId: ROLE.accessKeyId, secretAccessKey: ROLE.secretAccessKey },
    });
    const seen = s3StandIn({
      bucket: BUCKET,
      region: REGION,
      credentials: ROLE,
      local: { port: Number(new URL(s3.endpoint).port), credentials: LOCAL_CREDENTIALS },
    });
    sendThrough(client, seen.handler);
    await expect(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sites/x/y', Body: 'z' })),
    ).rejects.toThrow();
    expect(seen.problems.join()).toMatch(/x-amz-security-token/);
    client.destroy();
  });
});
