/**
 * What the backup and restore tests share. The source is the publishing
 * tests' neighborhood (dynalite, the local S3 and KeyValueStore, the site
 * host and the real builder), filled with members, three sites and the
 * passing state a running neighborhood has: sessions, an OAuth grant and a
 * pending sign-in, a rate counter, and an expired name hold. `bees` is
 * published twice (its first build is still restorable), `notes` once and
 * then unpublished, `wasps` never. And the readers the tests check both
 * sides with: every item of a table, every file of a bucket.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Member } from '../../../core/records/members';
import { nameHoldRecord, siteKey } from '../../../core/records/sites';
import { listDeploys } from '../../../builder/publish/deploy-records';
import { createItem, trashItem } from '../../../edge/db/items';
import { putMember } from '../../../edge/db/members';
import { createSession } from '../../../edge/db/sessions';
import { createSessionStore, createStateStore } from '../../../edge/db/oauth-store';
import { allow, counterKey, limits } from '../../../edge/db/rate-limit';
import { createSite } from '../../../edge/db/sites';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../scripts/local/dynamo';
import type { StoredItem } from '../../../scripts/ops/backup-format';
import type { BackupSource } from '../../../scripts/ops/make-backup';
import { scanTable } from '../../../scripts/ops/scan';
import { findTemplate } from '../../../templates';
import { defaultSettings } from '../../../templates/settings';
import { itemContent } from '../../support/item-content';
import { alice, BUCKET, publish, type PublishFixture } from '../publish/support';

export const bob = { did: 'did:plc:bobbobbobbobbobbobbobbob', handle: 'bob.test' };
export const carol = { did: 'did:plc:carolcarolcarolcarolcaro', handle: 'carol.test' };

const member = (who: { did: string; handle: string }, over: Partial<Member>): Member => ({
  ...who,
  links: [],
  listed: true,
  status: 'member',
  role: 'member',
  joinedAt: '2026-01-02T00:00:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 0,
  ...over,
});

/** The keys of the passing state `seedNeighborhood` wrote, which no backup may carry. */
export type Ephemeral = { pk: string; sk: string }[];

/** Fills the publishing fixture's table; the keys of the ephemeral items it wrote. */
export async function seedNeighborhood(f: PublishFixture): Promise<Ephemeral> {
  const { db } = f;
  await putMember(db, member(alice, { role: 'admin', name: 'Alice Oak' }), null);
  await putMember(db, member(bob, { bio: 'Fixes bicycles.' }), null);
  await putMember(
    db,
    member(carol, { status: 'pending', requestedAt: '2026-01-03T00:00:00Z' }),
    null,
  );
  const showcase = defaultSettings(findTemplate('showcase')!.settings);
  await createSite(
    db,
    { name: 'wasps', ownerDid: bob.did, template: 'showcase', settings: showcase },
    3,
  );
  const blog = defaultSettings(findTemplate('blog')!.settings);
  await createSite(db, { name: 'notes', ownerDid: bob.did, template: 'blog', settings: blog }, 3);
  await createItem(
    db,
    'bees',
    itemContent({ title: 'The first honey of May', slug: 'first-honey' }),
  );
  const gone = await createItem(db, 'bees', itemContent({ title: 'A wrong turn', slug: 'wrong' }));
  await trashItem(db, 'bees', gone.id);
  await createItem(db, 'notes', itemContent({ title: 'Bike bell', slug: 'bell' }));
  for (const site of ['bees', 'notes', 'bees']) {
    const { answer } = await publish(f, site);
    if ((answer as { state?: string }).state !== 'live') throw new Error(`${site} did not publish`);
  }
  await f.handler({ kind: 'unpublish', site: 'notes', by: alice });

  const session = await createSession(db, alice.did);
  await createStateStore(db).set('pending-state', { appState: 'x' } as never);
  await createSessionStore(db).set(alice.did, { tokenSet: {} } as never);
  await allow(db, limits.join, carol.did);
  const expiredHold = nameHoldRecord('moths', '2020-01-01T00:00:00.000Z');
  await db.put(expiredHold);
  return [
    { pk: `MEMBER#${alice.did}`, sk: `SESSION#${session.id}` },
    { pk: `MEMBER#${alice.did}`, sk: 'OAUTH_SESSION' },
    { pk: 'OAUTH_STATE#pending-state', sk: 'STATE' },
    counterKey(limits.join, carol.did),
    { pk: expiredHold.pk, sk: expiredHold.sk },
  ];
}

/** The fixture's table, bucket and clients as the backup command reads them. */
export function sourceOf(f: PublishFixture): BackupSource {
  return {
    region: LOCAL_REGION,
    dynamo: dynamoClient(f.fixture.dynamo.endpoint),
    table: 'nbhd-test',
    s3: f.services.publishing.bucket.client,
    bucket: BUCKET,
  };
}

export const dynamoClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/** Every item of `table`, by `pk sk`. */
export async function tableItems(client: DynamoDBClient, table: string) {
  const items = new Map<string, StoredItem>();
  await scanTable(client, table, (page) => {
    for (const item of page) items.set(`${item.pk!.S} ${item.sk!.S}`, item);
  });
  return items;
}

/** Every object under `sites/` of a bucket: its bytes and headers, by key. */
export async function bucketFiles(s3: S3Client, bucket: string) {
  const files = new Map<string, { body: Buffer; type?: string; cache?: string }>();
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'sites/', ContinuationToken: token }),
    );
    for (const { Key } of page.Contents ?? []) {
      const o = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      const body = Buffer.from(await o.Body!.transformToByteArray());
      files.set(Key!, { body, type: o.ContentType, cache: o.CacheControl });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return files;
}

/** The id of a build of `site` that went live but is not live now. */
export async function earlierBuild(f: PublishFixture, site: string): Promise<string> {
  const live = (await f.db.get<{ liveDeploy?: string }>(siteKey(site)))?.liveDeploy;
  const deploys = await listDeploys(f.services, site);
  const build = deploys.find((d) => d.kind === 'build' && d.state === 'live' && d.id !== live);
  if (!build) throw new Error(`${site} has no earlier build`);
  return build.id;
}
