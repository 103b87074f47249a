/**
 * A local AT Protocol network (PLC directory + PDS from `@atproto/dev-env`,
 * no AppView, no Postgres) and helpers to create accounts on it with a
 * profile record and avatar, using only the PDS's public XRPC API.
 */
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { solidPng } from './png';

export interface AtNetwork {
  plcUrl: string;
  pdsUrl: string;
  close(): Promise<void>;
}

export async function startAtNetwork(ports: { plc: number; pds: number }): Promise<AtNetwork> {
  const network = await TestNetworkNoAppView.create({
    plc: { port: ports.plc },
    pds: { port: ports.pds },
  });
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
