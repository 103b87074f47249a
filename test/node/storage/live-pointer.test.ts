/**
 * A site's live pointer in the KeyValueStore, through the real SDK client
 * against the local store: set, read and cleared; and a writer that loses
 * a race to another retries with the fresh ETag, so both writes land.
 */
import {
  ConflictException,
  DescribeKeyValueStoreCommand,
  PutKeyCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearLivePointer,
  kvsClient,
  LivePointerError,
  readLivePointer,
  setLivePointer,
  type LivePointers,
} from '../../../builder/storage/live-pointer';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../scripts/local/dynamo';
import { startLocalKvs, type LocalKvs } from '../../../scripts/local/kvs';
import { freePort } from '../../../scripts/local/ports';

let kvs: LocalKvs;
let endpoint: string;
const clients: ReturnType<typeof kvsClient>[] = [];

/** A client of its own; `beforeEachWrite` runs between reading the ETag and writing with it. */
function pointers(beforeEachWrite?: () => Promise<void>, attempts?: number) {
  const client = kvsClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  clients.push(client);
  const seen = { conflicts: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'DescribeKeyValueStoreCommand') {
        try {
          return await next(args);
        } catch (error) {
          if (error instanceof ConflictException) seen.conflicts++;
          throw error;
        }
      }
      const described = await next(args);
      await beforeEachWrite?.();
      return described;
    },
    { step: 'initialize' },
  );
  const store: LivePointers = { client, arn: kvs.arn, attempts };
  return { store, seen };
}

beforeAll(async () => {
  const port = await freePort();
  kvs = await startLocalKvs({ port, credentials: LOCAL_CREDENTIALS });
  endpoint = `http://localhost:${port}`;
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await kvs?.close();
});

describe('a live pointer', () => {
  it('is set, read back, moved and cleared', async () => {
    const { store } = pointers();
    expect(await readLivePointer(store, 'alice')).toBeUndefined();
    await setLivePointer(store, 'alice', 'deploy-1');
    expect(await readLivePointer(store, 'alice')).toBe('deploy-1');
    await setLivePointer(store, 'alice', 'deploy-2');
    expect(await readLivePointer(store, 'alice')).toBe('deploy-2');
    await clearLivePointer(store, 'alice');
    expect(await readLivePointer(store, 'alice')).toBeUndefined();
    // Clearing a site that has nothing live is not an error.
    await clearLivePointer(store, 'alice');
  });

  it('refuses what is not a deploy id', async () => {
    const { store } = pointers();
    await expect(setLivePointer(store, 'alice', 'x'.repeat(65))).rejects.toBeInstanceOf(
      LivePointerError,
    );
    await expect(setLivePointer(store, 'alice', '../other')).rejects.toBeInstanceOf(
      LivePointerError,
    );
  });

  it('lands when another writer changes the store between its read and its write', async () => {
    const other = pointers();
    let interfered = false;
    const { store, seen } = pointers(async () => {
      if (interfered) return;
      interfered = true;
      await setLivePointer(other.store, 'bob', 'deploy-b');
    });
    await setLivePointer(store, 'carol', 'deploy-c');
    expect(seen.conflicts).toBe(1);
    expect(await readLivePointer(store, 'bob')).toBe('deploy-b');
    expect(await readLivePointer(store, 'carol')).toBe('deploy-c');
  });

  it('lands for two writers racing each other', async () => {
    const a = pointers();
    const b = pointers();
    await Promise.all([
      setLivePointer(a.store, 'dan', 'deploy-d'),
      setLivePointer(b.store, 'erin', 'deploy-e'),
    ]);
    expect(await readLivePointer(a.store, 'dan')).toBe('deploy-d');
    expect(await readLivePointer(a.store, 'erin')).toBe('deploy-e');
  });

  it('gives up with a named error when the store keeps changing', async () => {
    const other = pointers();
    const { store, seen } = pointers(async () => {
      const { client, arn } = other.store;
      const { ETag } = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
      await client.send(new PutKeyCommand({ KvsARN: arn, Key: 'busy', Value: 'x', IfMatch: ETag }));
    }, 3);
    await expect(setLivePointer(store, 'frank', 'deploy-f')).rejects.toBeInstanceOf(
      LivePointerError,
    );
    expect(seen.conflicts).toBe(3);
    expect(await readLivePointer(store, 'frank')).toBeUndefined();
  });
});
