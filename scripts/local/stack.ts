/**
 * The whole local neighborhood as one object: dynalite with the table, a
 * local AT Protocol network with the demo accounts, the seeded demo
 * neighborhood, a local S3 with the sites' bucket and a local CloudFront
 * KeyValueStore for their live pointers, the site host that serves them at
 * `name.localhost:PORT` through the CloudFront Function's own source, the
 * builder behind its local Lambda-invoke endpoint, and
 * (unless asked not to) the edge under `wrangler dev`. The builder starts
 * even without the edge: tests that run the Worker themselves call it.
 * `npm start`, the end-to-end tests and the benchmarks all start it here.
 */
import { parseBuilderConfig } from '../../builder/config';
import { builderServices, createHandler } from '../../builder/handler';
import { startAtNetwork } from './atproto';
import { startLocalBuilder } from './builder';
import { demoSite, localDynamo, publishDemoSite, seedDemo } from './demo';
import { createTable, LOCAL_CREDENTIALS, startDynalite } from './dynamo';
import { join } from 'node:path';
import {
  LOCAL_BUILDER_FUNCTION,
  localEdgeVars,
  startEdge,
  stateDirectory,
  type LocalEdge,
} from './edge';
import { startLocalKvs } from './kvs';
import { freePorts } from './ports';
import { startLocalS3 } from './s3';
import { startLocalSites } from './sites';

/** The local bucket for the sites' files. */
export const LOCAL_SITES_BUCKET = 'nbhd-sites';

export interface StackPorts {
  edge: number;
  dynamo: number;
  plc: number;
  pds: number;
  /** The builder's local Lambda-invoke endpoint. */
  builder: number;
  /** The local host serving published sites at `name.localhost:PORT`. */
  sites: number;
  /** The local S3. */
  s3: number;
  /** The local CloudFront KeyValueStore. */
  kvs: number;
}

/** A free port for every part of the stack, for tests and benchmarks that run beside `npm start`. */
export async function freeStackPorts(): Promise<StackPorts> {
  const [edge, dynamo, plc, pds, builder, sites, s3, kvs] = await freePorts(8);
  return { edge, dynamo, plc, pds, builder, sites, s3, kvs } as StackPorts;
}

export interface LocalStack {
  table: string;
  dynamoEndpoint: string;
  plcUrl: string;
  pdsUrl: string;
  /** DIDs of the demo accounts, by handle. */
  dids: Record<string, string>;
  /** The local S3 (path-style) and the sites' bucket in it. */
  s3: { endpoint: string; bucket: string };
  /** The local KeyValueStore: the client's `endpoint` and the store's ARN. */
  kvs: { endpoint: string; arn: string };
  /** The site host: `http://localhost:PORT`, serving `http://<name>.localhost:PORT`. */
  sitesUrl: string;
  /** The edge Worker's variables and secrets. */
  vars: Record<string, string>;
  edge?: LocalEdge;
  close(): Promise<void>;
}

export async function startLocalStack(
  ports: StackPorts,
  { edge = true, quiet = false, log = (_: string) => {} } = {},
): Promise<LocalStack> {
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const table = 'nbhd';
    log('Starting local DynamoDB (dynalite)…');
    const dynamo = await startDynalite(ports.dynamo);
    stops.push(dynamo.close);
    await createTable(dynamo.endpoint, table);

    log('Starting a local AT Protocol network (PLC + PDS)…');
    const network = await startAtNetwork({ plc: ports.plc, pds: ports.pds });
    stops.push(network.close);
    const dids = await seedDemo({ dynamoEndpoint: dynamo.endpoint, table, pdsUrl: network.pdsUrl });

    log('Starting local S3 (s3rver) and a local KeyValueStore…');
    const s3 = await startLocalS3({
      port: ports.s3,
      bucket: LOCAL_SITES_BUCKET,
      credentials: LOCAL_CREDENTIALS,
      // Lasts as long as the stack, like dynalite's table; one directory per port.
      directory: join(stateDirectory, `s3-${ports.s3}`),
    });
    stops.push(s3.close);
    const kvs = await startLocalKvs({ port: ports.kvs, credentials: LOCAL_CREDENTIALS });
    stops.push(kvs.close);
    // The client puts the store's account in front of the host; only `localhost` takes that.
    const kvsEndpoint = `http://localhost:${ports.kvs}`;
    log('Starting the site host (name.localhost)…');
    const sites = await startLocalSites({
      port: ports.sites,
      s3,
      kvs: { endpoint: kvsEndpoint, arn: kvs.arn },
      credentials: LOCAL_CREDENTIALS,
      homeUrl: `http://127.0.0.1:${ports.edge}/`,
    });
    stops.push(sites.close);

    const vars = localEdgeVars({
      port: ports.edge,
      dynamoEndpoint: dynamo.endpoint,
      table,
      plcUrl: network.plcUrl,
      pdsUrl: network.pdsUrl,
      builderPort: ports.builder,
      sitesPort: ports.sites,
      s3Endpoint: s3.endpoint,
      sitesBucket: s3.bucket,
      kvsEndpoint,
      kvsArn: kvs.arn,
    });
    log('Starting the builder (local Lambda endpoint)…');
    // The builder reads the same variables the Lambda gets (and the edge's values for them).
    const handler = createHandler(() =>
      builderServices(parseBuilderConfig(vars), LOCAL_CREDENTIALS),
    );
    const builder = await startLocalBuilder({
      port: ports.builder,
      functionName: LOCAL_BUILDER_FUNCTION,
      handler,
    });
    stops.push(builder.close);
    log(`Publishing ${demoSite.owner}'s site…`);
    await publishDemoSite(localDynamo(dynamo.endpoint, table), dids, handler);

    let local: LocalEdge | undefined;
    if (edge) {
      log('Starting the edge Worker (wrangler dev)…');
      local = await startEdge(ports.edge, vars, { quiet });
      stops.push(local.close);
    }
    return {
      table,
      dynamoEndpoint: dynamo.endpoint,
      plcUrl: network.plcUrl,
      pdsUrl: network.pdsUrl,
      dids,
      s3: { endpoint: s3.endpoint, bucket: s3.bucket },
      kvs: { endpoint: kvsEndpoint, arn: kvs.arn },
      sitesUrl: `http://localhost:${sites.port}`,
      vars,
      edge: local,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
