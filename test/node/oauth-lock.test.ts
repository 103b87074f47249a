/**
 * The OAuth library's refresh lock (`createRequestLock`) against the local
 * DynamoDBs: one holder at a time across racing requests, a waiter that
 * gives up says so by name, and the lock outlasts the longest time the
 * library may spend refreshing under it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dynamo } from '../../edge/db/dynamo';
import { createRequestLock, LOCK_TTL_SECONDS, LockTimeout } from '../../edge/db/oauth-store';
import { onEveryBackend } from './backends';

/** A promise and the function that settles it, so a test decides when a holder lets go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * The longest a session read may take under the lock, read from the OAuth
 * library the client uses (`SessionGetter.get` wraps it in
 * `timeoutSignal(…)`), so a library upgrade that lengthens it fails here.
 */
function librarySessionTimeoutMs(): number {
  const fromNode = createRequire(
    createRequire(import.meta.url).resolve('@atproto/oauth-client-node'),
  );
  const clientDir = dirname(fromNode.resolve('@atproto/oauth-client'));
  const source = readFileSync(join(clientDir, 'session-getter.js'), 'utf8');
  const get = source.slice(source.indexOf('async get(sub, options)'));
  const figure = /timeoutSignal\(([\d.e]+)\)/.exec(get)?.[1];
  if (!figure) throw new Error('the library no longer bounds a session read with timeoutSignal');
  return Number(figure);
}

describe('the refresh lock’s lifetime', () => {
  it('outlasts the library’s own bound on a refresh, with room to spare', () => {
    const libraryMs = librarySessionTimeoutMs();
    expect(libraryMs).toBeGreaterThan(0);
    expect(LOCK_TTL_SECONDS * 1000).toBeGreaterThanOrEqual(libraryMs * 1.5);
  });
});

onEveryBackend('the refresh lock', (client) => {
  let db: Dynamo;
  beforeAll(() => {
    db = client();
  });

  it('lets a second holder give up with LockTimeout while the first holds it', async () => {
    const lock = createRequestLock(db, 100);
    const name = `refresh-${crypto.randomUUID()}`;
    const first = gate();
    const entered = gate();
    const holding = lock(name, async () => {
      entered.open();
      await first.opened;
      return 'first';
    });
    await entered.opened;

    const stored = await db.get<{ expiresAt: number }>({ pk: `LOCK#${name}`, sk: 'LOCK' });
    expect(stored!.expiresAt - Math.floor(Date.now() / 1000)).toBeGreaterThan(
      librarySessionTimeoutMs() / 1000,
    );

    let ran = false;
    const second = lock(name, async () => {
      ran = true;
    });
    await expect(second).rejects.toBeInstanceOf(LockTimeout);
    await expect(second).rejects.toThrow(`gave up waiting for the lock "${name}"`);
    expect(ran).toBe(false);

    first.open();
    expect(await holding).toBe('first');
    expect(await lock(name, async () => 'third')).toBe('third');
  });

  it('lets racing holders in one at a time', async () => {
    const lock = createRequestLock(db, 10_000);
    const name = `refresh-${crypto.randomUUID()}`;
    let inside = 0;
    let most = 0;
    await Promise.all(
      [1, 2, 3].map(() =>
        lock(name, async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setImmediate(resolve));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
  });
});
