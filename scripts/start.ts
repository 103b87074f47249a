/**
 * `npm start`: a whole neighborhood on this machine, offline. Starts
 * dynalite (with the table), a local AT Protocol network with demo
 * accounts, a local S3 and KeyValueStore for published sites, the builder
 * behind a local Lambda endpoint, and the edge under
 * `wrangler dev`; seeds the demo neighborhood;
 * prints where to go and how to sign in. Ctrl-C, closing the terminal or
 * `kill` stops everything it started; a `wrangler dev` left by a start that
 * was killed outright is stopped by the next one.
 */
import { demoAccounts, demoNeighborhood, demoSite } from './local/demo';
import { whenAncestorExits } from './local/ancestors';
import { stateDirectory } from './local/edge';
import { clearLeftoverEdge } from './local/leftovers';
import { assertPortFree, portFromEnv } from './local/ports';
import { startLocalStack, type LocalStack } from './local/stack';
import { siteUrl } from '../core/site-address';

let stack: LocalStack | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  // A second signal while stopping means "now": leave the rest to the next start.
  if (stopping) process.exit(code || 1);
  stopping = true;
  await stack?.close();
  process.exit(code);
}

async function main() {
  // The builder's info lines (one per build stage) would bury the banner below; warnings and
  // failures still show. `NBHD_LOG_LEVEL=info npm start` shows every line.
  process.env.NBHD_LOG_LEVEL ??= 'warn';
  const ports = {
    edge: portFromEnv('NBHD_PORT', 8787),
    dynamo: portFromEnv('NBHD_DYNAMO_PORT', 8000),
    plc: portFromEnv('NBHD_PLC_PORT', 2582),
    pds: portFromEnv('NBHD_PDS_PORT', 2583),
    builder: portFromEnv('NBHD_BUILDER_PORT', 8789),
    // The site host: published sites at name.localhost:8788, through the CloudFront Function.
    sites: portFromEnv('NBHD_SITES_PORT', 8788),
    s3: portFromEnv('NBHD_S3_PORT', 8790),
    kvs: portFromEnv('NBHD_KVS_PORT', 8791),
  };
  if (await clearLeftoverEdge(stateDirectory, ports.edge)) {
    console.log('Stopped a wrangler dev that an earlier npm start left running.');
  }
  await assertPortFree(ports.edge, 'NBHD_PORT', 'the app');
  await assertPortFree(ports.dynamo, 'NBHD_DYNAMO_PORT', 'local DynamoDB');
  await assertPortFree(ports.plc, 'NBHD_PLC_PORT', 'local PLC directory');
  await assertPortFree(ports.pds, 'NBHD_PDS_PORT', 'local PDS');
  await assertPortFree(ports.builder, 'NBHD_BUILDER_PORT', 'local builder');
  await assertPortFree(ports.s3, 'NBHD_S3_PORT', 'local S3');
  await assertPortFree(ports.kvs, 'NBHD_KVS_PORT', 'local KeyValueStore');
  await assertPortFree(ports.sites, 'NBHD_SITES_PORT', 'local site host');

  stack = await startLocalStack(ports, { log: console.log });
  const { edge, pdsUrl } = stack;
  edge?.process.once('exit', (code) => {
    if (stopping) return;
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

  ${demoSite.owner} has a site to edit, preview and publish under "Your sites": ${edge?.url}/sites/${demoSite.name}
  It is published already: ${siteUrl(stack.sitesUrl, demoSite.name)}/

  Press Ctrl-C to stop.`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void stop(0));
}
// `kill <npm pid>` and a hung-up terminal reach npm, which does not pass them on.
whenAncestorExits(() => {
  console.log('npm start was stopped; stopping everything it started.');
  void stop(0);
});
main().catch(async (error: unknown) => {
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
});
