/**
 * Everything the local stack starts listens on loopback only: the PLC and
 * PDS (whose demo passwords are printed and where anyone may sign up),
 * dynalite, the local S3 and KeyValueStore, and the builder's Lambda
 * endpoint. Each port takes connections
 * on 127.0.0.1 and refuses them on the machine's other addresses. Real
 * servers, real sockets. (`wrangler dev` is started with `--ip=127.0.0.1`.)
 */
import { connect, Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBuilderConfig } from '../../../builder/config';
import { kvsClient, readLivePointer, setLivePointer } from '../../../builder/storage/live-pointer';
import { deleteDeploy, s3Client, uploadSiteFiles } from '../../../builder/storage/site-files';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../scripts/local/dynamo';
import {
  freeStackPorts,
  startLocalStack,
  type LocalStack,
  type StackPorts,
} from '../../../scripts/local/stack';

/** What connecting to `host:port` comes to: `connected`, or the error's code. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
  });
}

/** This machine's addresses other than loopback (link-local ones need a zone, so not those). */
const outsideAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a && !a.internal && !a.address.startsWith('fe80:'))
  .map((a) => a!.address);

/** `listen` as Node has it, before anything here starts. */
const nodeListen = Server.prototype.listen;

let stack: LocalStack;
let ports: StackPorts;

beforeAll(async () => {
  ports = await freeStackPorts();
  stack = await startLocalStack(ports, { edge: false });
});

afterAll(() => stack?.close());

describe('the local stack', () => {
  it('has an address besides loopback to be tried from', () => {
    expect(
      outsideAddresses,
      'this machine has no network address but loopback, so nothing here shows the local servers are out of reach from elsewhere',
    ).not.toEqual([]);
  });

  it.each(['plc', 'pds', 'dynamo', 'builder', 's3', 'kvs', 'sites'] as const)(
    'answers on 127.0.0.1 and nowhere else (%s)',
    async (name) => {
      expect(await tryConnect('127.0.0.1', ports[name])).toBe('connected');
      for (const address of outsideAddresses) {
        expect(await tryConnect(address, ports[name]), `${name} on ${address}`).toBe(
          'ECONNREFUSED',
        );
      }
    },
  );

  it('gives the builder a bucket and a KeyValueStore it can write to', async () => {
    const { publishing } = parseBuilderConfig(stack.vars);
    expect(publishing).toMatchObject({ bucket: stack.s3.bucket, kvsArn: stack.kvs.arn });
    const bucket = {
      client: s3Client({
        region: LOCAL_REGION,
        endpoint: publishing!.s3Endpoint,
        credentials: LOCAL_CREDENTIALS,
      }),
      bucket: publishing!.bucket,
    };
    const pointers = {
      client: kvsClient({
        region: LOCAL_REGION,
        endpoint: publishing!.kvsEndpoint,
        credentials: LOCAL_CREDENTIALS,
      }),
      arn: publishing!.kvsArn,
    };
    try {
      const files = [{ path: 'index.html', body: new TextEncoder().encode('<h1>Hi</h1>') }];
      expect(await uploadSiteFiles(bucket, 'bees', 'd1', files)).toEqual({ files: 1, bytes: 11 });
      await setLivePointer(pointers, 'bees', 'd1');
      expect(await readLivePointer(pointers, 'bees')).toBe('d1');
      expect(await deleteDeploy(bucket, 'bees', 'd1')).toBe(1);
    } finally {
      bucket.client.destroy();
      pointers.client.destroy();
    }
  });

  it('leaves listening as it was once the network is up', () => {
    expect(Server.prototype.listen).toBe(nodeListen);
  });
});
