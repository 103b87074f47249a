/**
 * `npm start`: a whole neighborhood on this machine, offline. Starts
 * dynalite (with the table), a local AT Protocol network with demo
 * accounts, the builder behind a local Lambda endpoint, and the edge under
 * `wrangler dev`; seeds the demo neighborhood;
 * prints where to go and how to sign in. Ctrl-C stops everything it started.
 */
import { demoAccounts, demoNeighborhood, demoSite } from './local/demo';
import { assertPortFree, portFromEnv } from './local/ports';
import { startLocalStack, type LocalStack } from './local/stack';

let stack: LocalStack | undefined;

async function stop(code: number): Promise<never> {
  await stack?.close();
  process.exit(code);
}

async function main() {
  const ports = {
    edge: portFromEnv('NBHD_PORT', 8787),
    dynamo: portFromEnv('NBHD_DYNAMO_PORT', 8000),
    plc: portFromEnv('NBHD_PLC_PORT', 2582),
    pds: portFromEnv('NBHD_PDS_PORT', 2583),
    builder: portFromEnv('NBHD_BUILDER_PORT', 8789),
    // Only names sites' future addresses (name.localhost:8788) until publishing arrives.
    sites: portFromEnv('NBHD_SITES_PORT', 8788),
  };
  await assertPortFree(ports.edge, 'NBHD_PORT', 'the app');
  await assertPortFree(ports.dynamo, 'NBHD_DYNAMO_PORT', 'local DynamoDB');
  await assertPortFree(ports.plc, 'NBHD_PLC_PORT', 'local PLC directory');
  await assertPortFree(ports.pds, 'NBHD_PDS_PORT', 'local PDS');
  await assertPortFree(ports.builder, 'NBHD_BUILDER_PORT', 'local builder');

  stack = await startLocalStack(ports, { log: console.log });
  const { edge, pdsUrl } = stack;
  edge?.process.once('exit', (code) => {
    console.error(`wrangler dev stopped (exit ${code}); shutting everything down.`);
    void stop(1);
  });

  const accounts = demoAccounts.map((a) => `    ${a.handle.padEnd(12)} password: ${a.password}`);
  console.log(`
${demoNeighborhood.name} is running at ${edge?.url}/

  Sign in with a demo account (they live on the local PDS at ${pdsUrl}):
${accounts.join('\n')}

  Open ${edge?.url}/ (use 127.0.0.1, not localhost: local sign-in needs it),
  type a handle, then sign in and approve on the PDS's own pages.

  ${demoSite.owner} has a site to edit and preview under "Your sites": ${edge?.url}/sites/${demoSite.name}

  Press Ctrl-C to stop.`);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
main().catch(async (error: unknown) => {
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
});
