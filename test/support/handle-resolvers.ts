/**
 * Handle resolvers that answer badly, for the workerd tests: each speaks
 * only `com.atproto.identity.resolveHandle` and answers it one way, on its
 * own loopback port. Three fail for a moment (503, 429, a connection closed
 * before any answer); two answer for certain that the handle is not the
 * caller's (the XRPC "Unable to resolve handle", another DID). Anything else
 * asked of them is a 404 without a body the code could take for an answer.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HANDLE_RESOLVER_FAILURES = [
  'unavailable',
  'limited',
  'hangs-up',
  'unknown',
  'elsewhere',
] as const;
export type HandleResolverFailure = (typeof HANDLE_RESOLVER_FAILURES)[number];

/** The DID the `elsewhere` resolver says every handle points to. */
export const SOMEONE_ELSE = 'did:plc:someoneelseentirely234567';

function serve(failure: HandleResolverFailure): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://resolver');
    if (
      req.method !== 'GET' ||
      url.pathname !== '/xrpc/com.atproto.identity.resolveHandle' ||
      !url.searchParams.get('handle')
    ) {
      return res.writeHead(404).end();
    }
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    switch (failure) {
      case 'unavailable':
        return json(503, { error: 'ServiceUnavailable', message: 'Try again later' });
      case 'limited':
        return json(429, { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' });
      case 'hangs-up':
        return req.socket.destroy();
      case 'unknown':
        return json(400, { error: 'InvalidRequest', message: 'Unable to resolve handle' });
      case 'elsewhere':
        return json(200, { did: SOMEONE_ELSE });
    }
  });
}

/** Starts one resolver per failure; returns their base URLs and a way to stop them. */
export async function startHandleResolvers(): Promise<{
  urls: Record<HandleResolverFailure, string>;
  close(): Promise<void>;
}> {
  const servers: Server[] = [];
  const urls = {} as Record<HandleResolverFailure, string>;
  for (const failure of HANDLE_RESOLVER_FAILURES) {
    const server = serve(failure);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[failure] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  return {
    urls,
    close: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}
