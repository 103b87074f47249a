/**
 * The whole local neighborhood as one object: dynalite with the table, a
 * local AT Protocol network with the demo accounts, the seeded demo
 * neighborhood, the builder behind its local Lambda-invoke endpoint, and
 * (unless asked not to) the edge under `wrangler dev`. The builder starts
 * even without the edge: tests that run the Worker themselves call it.
 * `npm start`, the end-to-end tests and the benchmarks all start it here.
 */
import { parseBuilderConfig } from '../../builder/config';
import { builderServices, createHandler } from '../../builder/handler';
import { startAtNetwork } from './atproto';
import { startLocalBuilder } from './builder';
import { seedDemo } from './demo';
import { createTable, LOCAL_CREDENTIALS, startDynalite } from './dynamo';
import { LOCAL_BUILDER_FUNCTION, localEdgeVars, startEdge, type LocalEdge } from './edge';
import { freePort } from './ports';

export interface StackPorts {
  edge: number;
  dynamo: number;
  plc: number;
  pds: number;
  /** The builder's local Lambda-invoke endpoint. */
  builder: number;
  /** The local host serving published sites at `name.localhost:PORT`. */
  sites: number;
}

/** A free port for every part of the stack, for tests and benchmarks that run beside `npm start`. */
export async function freeStackPorts(): Promise<StackPorts> {
  const ports = {} as StackPorts;
  for (const part of ['edge', 'dynamo', 'plc', 'pds', 'builder', 'sites'] as const) {
    ports[part] = await freePort();
  }
  return ports;
}

export interface LocalStack {
  table: string;
  dynamoEndpoint: string;
  plcUrl: string;
  pdsUrl: string;
  /** DIDs of the demo accounts, by handle. */
  dids: Record<string, string>;
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

    const vars = localEdgeVars({
      port: ports.edge,
      dynamoEndpoint: dynamo.endpoint,
      table,
      plcUrl: network.plcUrl,
      pdsUrl: network.pdsUrl,
      builderPort: ports.builder,
      sitesPort: ports.sites,
    });
    log('Starting the builder (local Lambda endpoint)…');
    const builder = await startLocalBuilder({
      port: ports.builder,
      functionName: LOCAL_BUILDER_FUNCTION,
      // The builder reads the same variables the Lambda gets (and the edge's values for them).
      handler: createHandler(() => builderServices(parseBuilderConfig(vars), LOCAL_CREDENTIALS)),
    });
    stops.push(builder.close);

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
      vars,
      edge: local,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
