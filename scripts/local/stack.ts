/**
 * The whole local neighborhood as one object: dynalite with the table, a
 * local AT Protocol network with the demo accounts, the seeded demo
 * neighborhood, and (unless asked not to) the edge under `wrangler dev`.
 * `npm start`, the end-to-end tests and the benchmarks all start it here.
 */
import { startAtNetwork } from './atproto';
import { seedDemo } from './demo';
import { createTable, startDynalite } from './dynamo';
import { localEdgeVars, startEdge, type LocalEdge } from './edge';

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
