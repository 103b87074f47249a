/**
 * `npm start`: a whole neighborhood on this machine, offline. Starts
 * dynalite (with the table), a local AT Protocol network with demo
 * accounts, and the edge under `wrangler dev`; seeds the demo neighborhood;
 * prints where to go and how to sign in. Ctrl-C stops everything it started.
 */
import { startAtNetwork } from './local/atproto';
import { demoAccounts, demoNeighborhood, seedDemo } from './local/demo';
import { createTable, startDynalite } from './local/dynamo';
import { localEdgeVars, startEdge } from './local/edge';
import { assertPortFree, portFromEnv } from './local/ports';

const TABLE = 'nbhd';
const stops: (() => Promise<void>)[] = [];

async function stopAll(code: number): Promise<never> {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}

async function main() {
  const ports = {
    edge: portFromEnv('NBHD_PORT', 8787),
    dynamo: portFromEnv('NBHD_DYNAMO_PORT', 8000),
    plc: portFromEnv('NBHD_PLC_PORT', 2582),
    pds: portFromEnv('NBHD_PDS_PORT', 2583),
  };
  await assertPortFree(ports.edge, 'NBHD_PORT', 'the app');
  await assertPortFree(ports.dynamo, 'NBHD_DYNAMO_PORT', 'local DynamoDB');
  await assertPortFree(ports.plc, 'NBHD_PLC_PORT', 'local PLC directory');
  await assertPortFree(ports.pds, 'NBHD_PDS_PORT', 'local PDS');

  console.log('Starting local DynamoDB (dynalite)…');
  const dynamo = await startDynalite(ports.dynamo);
  stops.push(dynamo.close);
  await createTable(dynamo.endpoint, TABLE);

  console.log('Starting a local AT Protocol network (PLC + PDS)…');
  const network = await startAtNetwork({ plc: ports.plc, pds: ports.pds });
  stops.push(network.close);
  await seedDemo({ dynamoEndpoint: dynamo.endpoint, table: TABLE, pdsUrl: network.pdsUrl });

  console.log('Starting the edge Worker (wrangler dev)…');
  const vars = localEdgeVars({
    port: ports.edge,
    dynamoEndpoint: dynamo.endpoint,
    table: TABLE,
    plcUrl: network.plcUrl,
    pdsUrl: network.pdsUrl,
  });
  const edge = await startEdge(ports.edge, vars);
  stops.push(edge.close);
  edge.process.once('exit', (code) => {
    console.error(`wrangler dev stopped (${code}); shutting down.`);
    void stopAll(1);
  });

  const accounts = demoAccounts.map((a) => `    ${a.handle.padEnd(12)} password: ${a.password}`);
  console.log(`
${demoNeighborhood.name} is running at ${edge.url}/

  Sign in with one of these demo accounts (they live on the local PDS, ${network.pdsUrl}):
${accounts.join('\n')}

  Open ${edge.url}/ (not localhost: local sign-in needs 127.0.0.1),
  type a handle, then sign in and approve on the PDS's pages.

  Press Ctrl-C to stop.`);
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
main().catch(async (error: unknown) => {
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});
