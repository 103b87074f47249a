/**
 * The neighborhoods the backup benchmark copies, each in a fresh table of
 * one dynalite with its own local S3 and KeyValueStore, published through
 * the real builder as the Publish button does (`startBuild`, then the
 * builder's handler): the demo (Oak Street, alice and bob, alice's
 * newsletter live) and a larger street of `members` neighbors, `sites` of
 * them with a published five-post blog, each signed in once.
 */
import { parseBuilderConfig } from '../builder/config';
import { builderServices, createHandler } from '../builder/handler';
import type { Member } from '../core/records/members';
import { startBuild } from '../edge/db/deploys';
import { createItem } from '../edge/db/items';
import { putMember } from '../edge/db/members';
import { saveNeighborhood } from '../edge/db/neighborhood';
import { createSession } from '../edge/db/sessions';
import { createSite } from '../edge/db/sites';
import { demoNeighborhood, localDynamo } from '../scripts/local/demo';
import { createTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../scripts/local/dynamo';
import { startLocalKvs, type LocalKvs } from '../scripts/local/kvs';
import { freePorts } from '../scripts/local/ports';
import { startLocalS3, type LocalS3 } from '../scripts/local/s3';
import { inPool } from '../scripts/ops/pool';
import { findTemplate } from '../templates';
import { sample } from '../templates/newsletter/sample';
import { defaultSettings } from '../templates/settings';
import { seedMembers } from './seed-members';
import { post } from './preview';

export interface LocalStore {
  table: string;
  s3: LocalS3;
  kvs: LocalKvs;
  kvsEndpoint: string;
  close(): Promise<void>;
}

/** A fresh table in the dynalite at `endpoint`, with an S3 and a store of its own. */
export async function startStore(endpoint: string, table: string): Promise<LocalStore> {
  await createTable(endpoint, table);
  const [s3Port, kvsPort] = await freePorts(2);
  const s3 = await startLocalS3({
    port: s3Port!,
    bucket: `${table}-sites`,
    credentials: LOCAL_CREDENTIALS,
  });
  const kvs = await startLocalKvs({ port: kvsPort!, credentials: LOCAL_CREDENTIALS });
  return {
    table,
    s3,
    kvs,
    kvsEndpoint: `http://localhost:${kvsPort}`,
    close: async () => {
      await kvs.close();
      await s3.close();
    },
  };
}

const neighbor = (did: string, handle: string, displayName: string): Member => ({
  did,
  handle,
  displayName,
  links: [],
  listed: true,
  status: 'member',
  role: 'member',
  joinedAt: '2025-01-01T00:00:00.000Z',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  version: 0,
});

function publisher(endpoint: string, store: LocalStore) {
  const handler = createHandler(() =>
    builderServices(
      parseBuilderConfig({
        DYNAMODB_TABLE: store.table,
        DYNAMODB_ENDPOINT: endpoint,
        AWS_REGION: LOCAL_REGION,
        SITES_URL: 'http://localhost:8788',
        PUBLIC_URL: 'http://127.0.0.1:8787',
        SITES_BUCKET: store.s3.bucket,
        SITES_KVS_ARN: store.kvs.arn,
        S3_ENDPOINT: store.s3.endpoint,
        KVS_ENDPOINT: store.kvsEndpoint,
      }),
      LOCAL_CREDENTIALS,
    ),
  );
  const db = localDynamo(endpoint, store.table);
  return async (site: Awaited<ReturnType<typeof createSite>>, by: Member) => {
    const deploy = await startBuild(db, site, { did: by.did, handle: by.handle });
    const answer = await handler({ kind: 'publish', site: site.name, deploy: deploy.id });
    if ((answer as { state?: string }).state !== 'live')
      throw new Error(`${site.name} did not publish`);
  };
}

/** The demo neighborhood `npm start` seeds, with alice's newsletter published. */
export async function seedDemo(endpoint: string, store: LocalStore): Promise<void> {
  const db = localDynamo(endpoint, store.table);
  await saveNeighborhood(db, demoNeighborhood, 0);
  const alice = neighbor('did:plc:alicealicealicealicealic', 'alice.test', 'Alice Oak');
  const bob = neighbor('did:plc:bobbobbobbobbobbobbobbob', 'bob.test', 'Bob Rivers');
  for (const m of [alice, bob]) {
    await putMember(db, m, null);
    await createSession(db, m.did);
  }
  const site = await createSite(
    db,
    { name: 'bulletin', ownerDid: alice.did, template: 'newsletter', settings: sample.settings },
    3,
  );
  for (const { updatedAt: _u, ...content } of sample.items)
    await createItem(db, site.name, content);
  await publisher(endpoint, store)(site, alice);
}

/** `members` neighbors, the first `sites` of them each with a published five-post blog. */
export async function seedStreet(
  endpoint: string,
  store: LocalStore,
  { members, sites }: { members: number; sites: number },
): Promise<void> {
  const db = localDynamo(endpoint, store.table);
  await saveNeighborhood(db, demoNeighborhood, 0);
  await seedMembers(db, members);
  const did = (i: number) => `did:plc:bench${String(i).padStart(19, '0')}`;
  await inPool(
    Array.from({ length: members }, (_, i) => i),
    10,
    async (i) => void (await createSession(db, did(i))),
  );
  const blog = findTemplate('blog')!;
  const publish = publisher(endpoint, store);
  await inPool(
    Array.from({ length: sites }, (_, i) => i),
    2,
    async (i) => {
      const owner = neighbor(did(i), `neighbor${i}.test`, `Neighbor ${i}`);
      const settings = { ...defaultSettings(blog.settings), title: `Neighbor ${i}'s notes` };
      const site = await createSite(
        db,
        { name: `neighbor-${i}`, ownerDid: owner.did, template: 'blog', settings },
        3,
      );
      for (let n = 0; n < 5; n++) await createItem(db, site.name, post(i * 5 + n));
      await publish(site, owner);
    },
  );
}
