/**
 * What the export tests share: a real dynalite and a real local S3 (s3rver
 * in its own process), and the real builder handler configured with both,
 * as the local stack configures it. The KeyValueStore's ARN is only there
 * because the configuration takes the bucket and store together: an export
 * never reads the store.
 */
import { parseBuilderConfig } from '../../../builder/config';
import { builderServices, createHandler } from '../../../builder/handler';
import type { PublishingServices } from '../../../builder/publish';
import type { BuilderResponse } from '../../../core/builder-protocol';
import type { Dynamo } from '../../../edge/db/dynamo';
import { localDynamo } from '../../../scripts/local/demo';
import {
  createTable,
  LOCAL_CREDENTIALS,
  startDynalite,
  type LocalDynamo,
} from '../../../scripts/local/dynamo';
import { LOCAL_KVS_ARN } from '../../../scripts/local/kvs';
import { freePort } from '../../../scripts/local/ports';
import { startLocalS3, type LocalS3 } from '../../../scripts/local/s3';
import { builderEnv } from '../builder-support';

export interface ExportFixture {
  dynamo: LocalDynamo;
  s3: LocalS3;
  db: Dynamo;
  services: PublishingServices;
  handler: (event: unknown) => Promise<BuilderResponse>;
  close(): Promise<void>;
}

export async function startExportFixture(): Promise<ExportFixture> {
  const dynamo = await startDynalite(await freePort());
  await createTable(dynamo.endpoint, 'nbhd-test');
  const s3 = await startLocalS3({
    port: await freePort(),
    bucket: 'nbhd-sites-test',
    credentials: LOCAL_CREDENTIALS,
  });
  const config = parseBuilderConfig({
    ...builderEnv(dynamo.endpoint),
    SITES_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    SITES_KVS_ARN: LOCAL_KVS_ARN,
    KVS_ENDPOINT: `http://localhost:${await freePort()}`,
  });
  const services = builderServices(config, LOCAL_CREDENTIALS) as PublishingServices;
  return {
    dynamo,
    s3,
    db: localDynamo(dynamo.endpoint, 'nbhd-test'),
    services,
    handler: createHandler(() => services),
    async close() {
      services.publishing.bucket.client.destroy();
      await s3.close();
      await dynamo.close();
    },
  };
}
