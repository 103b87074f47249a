/**
 * Global setup for the workerd tests: a real dynalite with the table and a
 * real local AT Protocol network with the demo accounts (no wrangler dev:
 * the tests run the Worker in workerd themselves). Also serves a `did:web`
 * identity whose PDS is down, so "the PDS is down" is a real failure, not a
 * mock. The stack's builder answers at its local Lambda-invoke endpoint;
 * beside it are two builders that fail for real: an address where nothing
 * listens, and a server that accepts requests and never answers; and the
 * real builder once more, reading the same table, with its largest answer
 * lowered to 2 KB, so "too large to preview" is the builder's own. The
 * never-answering server also stands in for a slow `did:web` host and a
 * slow PDS, and
 * handle resolvers that answer badly, one way each, sit beside the PDS's
 * real one. Values reach the tests through Vitest's `provide`/`inject`.
 */
import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import { parseBuilderConfig } from '../../builder/config';
import { builderServices, createHandler } from '../../builder/handler';
import { startLocalBuilder } from '../../scripts/local/builder';
import { LOCAL_CREDENTIALS } from '../../scripts/local/dynamo';
import { LOCAL_BUILDER_FUNCTION } from '../../scripts/local/edge';
import { freePort } from '../../scripts/local/ports';
import { demoAccounts } from '../../scripts/local/demo';
import { freeStackPorts, startLocalStack } from '../../scripts/local/stack';
import { startHandleResolvers, type HandleResolverFailure } from './handle-resolvers';

declare module 'vitest' {
  export interface ProvidedContext {
    edgeVars: Record<string, string>;
    dids: Record<string, string>;
    /** The demo accounts' passwords on the local PDS, by handle. */
    passwords: Record<string, string>;
    pdsUrl: string;
    /** A did:web whose document names a PDS nobody answers at. */
    downDid: string;
    /** A builder address where nothing listens. */
    deadBuilderUrl: string;
    /** A builder that accepts every request and never answers. */
    slowBuilderUrl: string;
    /** A did:web whose host accepts every request and never answers. */
    silentDid: string;
    /** A did:web whose document names a PDS that accepts every request and never answers. */
    silentPdsDid: string;
    /** A did:web whose document names a PDS that answers everything with a 503. */
    failingPdsDid: string;
    /** Handle resolvers that fail, one way each (see handle-resolvers.ts). */
    handleResolvers: Record<HandleResolverFailure, string>;
    /** The real builder, answering no file larger than 2 KB. */
    smallBuilderUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // The builder runs in this process; its info lines would bury the report (see builder/log.ts).
  process.env.NBHD_LOG_LEVEL ??= 'warn';
  const stack = await startLocalStack(await freeStackPorts(), { edge: false });

  const slowBuilder: Server = createServer(() => {
    /* never answers */
  });
  const slowPort = await listenOnLoopback(slowBuilder);

  const deadPort = await freePort();
  const downHost = await serveDidDocument(`http://localhost:${deadPort}`);
  const silentPdsHost = await serveDidDocument(`http://localhost:${slowPort}`);

  const handleResolvers = await startHandleResolvers();
  const failingPds = createServer((_req, res) => {
    res
      .writeHead(503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: 'ServiceUnavailable', message: 'Try again later' }));
  });
  const failingPdsHost = await serveDidDocument(
    `http://localhost:${await listenOnLoopback(failingPds)}`,
  );

  const smallBuilder = await startLocalBuilder({
    port: await freePort(),
    functionName: LOCAL_BUILDER_FUNCTION,
    handler: createHandler(() => ({
      ...builderServices(parseBuilderConfig(stack.vars), LOCAL_CREDENTIALS),
      fileLimit: 2_000,
    })),
  });

  project.provide('edgeVars', stack.vars);
  project.provide('dids', stack.dids);
  project.provide(
    'passwords',
    Object.fromEntries(demoAccounts.map((account) => [account.handle, account.password])),
  );
  project.provide('pdsUrl', stack.pdsUrl);
  project.provide('downDid', downHost.did);
  project.provide('deadBuilderUrl', `http://127.0.0.1:${await freePort()}`);
  project.provide('slowBuilderUrl', `http://127.0.0.1:${slowPort}`);
  project.provide('smallBuilderUrl', smallBuilder.url);
  project.provide('silentDid', `did:web:localhost%3A${slowPort}`);
  project.provide('silentPdsDid', silentPdsHost.did);
  project.provide('failingPdsDid', failingPdsHost.did);
  project.provide('handleResolvers', handleResolvers.urls);

  return async () => {
    await downHost.close();
    await silentPdsHost.close();
    await failingPdsHost.close();
    await new Promise((resolve) => failingPds.close(resolve));
    slowBuilder.closeAllConnections();
    await new Promise((resolve) => slowBuilder.close(resolve));
    await smallBuilder.close();
    await handleResolvers.close();
    await stack.close();
  };
}

/** Listens on 127.0.0.1 at a port the OS picks, and returns it. */
async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * A did:web host on loopback (`did:web:localhost%3A<port>`) serving one DID
 * document, for the handle `down.test`, that names `pds` as its PDS.
 */
async function serveDidDocument(pds: string) {
  const server = createServer();
  const port = await listenOnLoopback(server);
  const did = `did:web:localhost%3A${port}`;
  server.on('request', (req, res) => {
    if (req.url !== '/.well-known/did.json') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        '@context': ['https://www.w3.org/ns/did/v1'],
        id: did,
        alsoKnownAs: ['at://down.test'],
        service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: pds }],
      }),
    );
  });
  return { did, close: () => new Promise((resolve) => server.close(resolve)) };
}
