/**
 * What the builder tests share: a real dynalite with one neighborhood and a
 * blog named `bees` written through the edge's own data layer, and the real
 * builder handler configured to read it, as the local stack configures it.
 */
import { parseBuilderConfig } from '../../builder/config';
import { builderServices, createHandler } from '../../builder/handler';
import type { BuilderResponse } from '../../core/builder-protocol';
import type { Dynamo } from '../../edge/db/dynamo';
import { saveNeighborhood } from '../../edge/db/neighborhood';
import { createSite } from '../../edge/db/sites';
import { localDynamo } from '../../scripts/local/demo';
import {
  createTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
  type LocalDynamo,
} from '../../scripts/local/dynamo';
import { freePort } from '../../scripts/local/ports';
import { findTemplate } from '../../templates';
import { defaultSettings } from '../../templates/settings';

export const ownerDid = 'did:plc:builderowneraaaaaaaaaaaa';
export const blogSettings = {
  ...defaultSettings(findTemplate('blog')!.settings),
  title: 'Bees at number 12',
};

/** The builder's environment for a table at `endpoint`. */
export const builderEnv = (endpoint: string) => ({
  DYNAMODB_TABLE: 'nbhd-test',
  DYNAMODB_ENDPOINT: endpoint,
  AWS_REGION: LOCAL_REGION,
  SITES_URL: 'http://localhost:8788',
  PUBLIC_URL: 'http://127.0.0.1:8787',
});

export interface BuilderFixture {
  dynamo: LocalDynamo;
  db: Dynamo;
  handler: (event: unknown) => Promise<BuilderResponse>;
}

/** A fresh dynalite holding Oak Street and alice's blog `bees`, and a handler reading it. */
export async function startBuilderFixture(): Promise<BuilderFixture> {
  const dynamo = await startDynalite(await freePort());
  await createTable(dynamo.endpoint, 'nbhd-test');
  const db = localDynamo(dynamo.endpoint, 'nbhd-test');
  await saveNeighborhood(
    db,
    {
      name: 'Oak Street',
      description: '',
      welcome: '',
      location: '',
      directoryVisibility: 'public',
      joinPolicy: 'open',
      siteLimit: 3,
    },
    0,
  );
  await createSite(db, { name: 'bees', ownerDid, template: 'blog', settings: blogSettings }, 3);
  const handler = createHandler(() =>
    builderServices(parseBuilderConfig(builderEnv(dynamo.endpoint)), LOCAL_CREDENTIALS),
  );
  return { dynamo, db, handler };
}
