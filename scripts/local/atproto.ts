/**
 * A local AT Protocol network (PLC directory + PDS from `@atproto/dev-env`,
 * no AppView, no Postgres) and helpers to create accounts on it with a
 * profile record and avatar, using only the PDS's public XRPC API. Both
 * listen on 127.0.0.1 only: the demo passwords are printed and anyone may
 * sign up, so nobody else on the network should reach them.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'node:net';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { solidPng } from './png';

export interface AtNetwork {
  plcUrl: string;
  pdsUrl: string;
  close(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';

/**
 * Runs `start` with every `listen` that names a port but no host bound to
 * loopback instead of every interface. dev-env's PLC and PDS take a port but
 * no host (each calls `listen(port)`), so this is the only way in. It lasts
 * only while they start, and a listen that names its host is left alone.
 */
async function onLoopback<T>(start: () => Promise<T>): Promise<T> {
  const listen = Server.prototype.listen;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'number' && (second === undefined || typeof second === 'function')) {
      args.splice(1, 0, LOOPBACK);
    } else if (first && typeof first === 'object' && 'port' in first && !('host' in first)) {
      args[0] = { ...first, host: LOOPBACK };
    }
    return (listen as (...a: unknown[]) => Server).apply(this, args);
  } as typeof listen;
  try {
    return await start();
  } finally {
    Server.prototype.listen = listen;
  }
}

/** Fails loudly if a server ended up anywhere but loopback (say, a dev-env that names a host). */
function assertLoopback(name: string, server: HttpServer | undefined) {
  const address = server?.address();
  const host = typeof address === 'object' && address ? address.address : String(address);
  if (host !== LOOPBACK) throw new Error(`the local ${name} listens on ${host}, not ${LOOPBACK}`);
}

export async function startAtNetwork(ports: { plc: number; pds: number }): Promise<AtNetwork> {
  const network = await onLoopback(() =>
    TestNetworkNoAppView.create({
      plc: { port: ports.plc },
      pds: { port: ports.pds },
    }),
  );
  try {
    assertLoopback('PLC', network.plc.server.server);
    assertLoopback('PDS', network.pds.server.server);
  } catch (error) {
    await network.close();
    throw error;
  }
  return {
    plcUrl: network.plc.url,
    pdsUrl: network.pds.url,
    close: () => network.close(),
  };
}

export interface Account {
  handle: string;
  password: string;
  displayName: string;
  description: string;
  /** Avatar colour as RGB. */
  colour: [number, number, number];
}

async function xrpc(pdsUrl: string, method: string, init: RequestInit & { token?: string }) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(`${pdsUrl}/xrpc/${method}`, { ...init, headers });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} failed: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Creates the account and writes its `app.bsky.actor.profile/self` record. Returns its DID. */
export async function createAccount(pdsUrl: string, account: Account): Promise<string> {
  const created = await xrpc(pdsUrl, 'com.atproto.server.createAccount', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      handle: account.handle,
      email: `${account.handle}@example.com`,
      password: account.password,
    }),
  });
  const did = String(created.did);
  const token = String(created.accessJwt);
  const blob = await xrpc(pdsUrl, 'com.atproto.repo.uploadBlob', {
    method: 'POST',
    token,
    headers: { 'content-type': 'image/png' },
    body: solidPng(96, account.colour),
  });
  await xrpc(pdsUrl, 'com.atproto.repo.putRecord', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      repo: did,
      collection: 'app.bsky.actor.profile',
      rkey: 'self',
      record: {
        $type: 'app.bsky.actor.profile',
        displayName: account.displayName,
        description: account.description,
        avatar: blob.blob,
      },
    }),
  });
  return did;
}
