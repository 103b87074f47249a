/**
 * The builder as the edge reaches it: the local Lambda-invoke endpoint
 * speaking the Invoke API over real HTTP (RequestResponse and Event
 * invocations, and its refusals), in front of the real handler reading a
 * real dynalite, called with the edge's own client, whose every failure
 * becomes one of its typed errors.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseBuilderConfig } from '../../builder/config';
import { builderServices, createHandler } from '../../builder/handler';
import type { BuilderResponse } from '../../core/builder-protocol';
import {
  BuilderError,
  BuilderTooSlow,
  BuilderUnreachable,
  invokeBuilder,
  queueBuilderRequest,
} from '../../edge/builder';
import { createItem } from '../../edge/db/items';
import { startLocalBuilder, type LocalBuilder } from '../../scripts/local/builder';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type LocalDynamo } from '../../scripts/local/dynamo';
import { freePort } from '../../scripts/local/ports';
import { itemContent } from '../support/item-content';
import { builderEnv, startBuilderFixture } from './builder-support';

const FUNCTION = 'nbhd-builder-test';

let dynamo: LocalDynamo;
let handler: (event: unknown) => Promise<BuilderResponse>;

const preview = (path: string) => handler({ kind: 'preview', site: 'bees', path });

beforeAll(async () => {
  const fixture = await startBuilderFixture();
  ({ dynamo, handler } = fixture);
  const db = fixture.db;
  await createItem(db, 'bees', itemContent({ title: 'First honey', slug: 'first-honey' }));
}, 60_000);

afterAll(() => dynamo?.close());

describe('the local Lambda-invoke endpoint', () => {
  let builder: LocalBuilder;
  let broken: LocalBuilder;
  const aws = new AwsClient({ ...LOCAL_CREDENTIALS, service: 'lambda', region: LOCAL_REGION });
  const config = (url: string) => ({
    builder: { endpoint: url, functionName: FUNCTION, region: LOCAL_REGION, ...LOCAL_CREDENTIALS },
  });

  beforeAll(async () => {
    builder = await startLocalBuilder({ port: 0, functionName: FUNCTION, handler });
    // A real handler whose DynamoDB is gone: its failure is a real one.
    const dead = `http://127.0.0.1:${await freePort()}`;
    broken = await startLocalBuilder({
      port: 0,
      functionName: FUNCTION,
      handler: createHandler(() =>
        builderServices(parseBuilderConfig(builderEnv(dead)), LOCAL_CREDENTIALS),
      ),
    });
  });
  afterAll(async () => {
    await builder?.close();
    await broken?.close();
  });

  const invokeUrl = (base: string, name = FUNCTION) =>
    `${base}/2015-03-31/functions/${name}/invocations`;

  it('answers a signed invocation with the handler’s JSON', async () => {
    const res = await aws.fetch(invokeUrl(builder.url), {
      method: 'POST',
      body: JSON.stringify({ kind: 'preview', site: 'bees', path: '/' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-amz-function-error')).toBeNull();
    expect(await res.json()).toEqual(await preview('/'));
  });

  it('reports a handler that throws as an unhandled function error', async () => {
    const res = await aws.fetch(invokeUrl(broken.url), {
      method: 'POST',
      body: JSON.stringify({ kind: 'preview', site: 'bees', path: '/' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amz-function-error')).toBe('Unhandled');
    const body = (await res.json()) as { errorType: string; errorMessage: string };
    expect(body.errorType).toEqual(expect.any(String));
    expect(body.errorMessage.length).toBeGreaterThan(0);
  });

  it('answers another function name with ResourceNotFoundException', async () => {
    const res = await aws.fetch(invokeUrl(builder.url, 'someone-else'), {
      method: 'POST',
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });

  it('refuses an invocation without a SigV4 signature', async () => {
    const res = await fetch(invokeUrl(builder.url), { method: 'POST', body: '{}' });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('accepts an Event invocation with 202 and no body at once, then runs the handler', async () => {
    const request = { kind: 'preview', site: 'bees', path: '/' };
    const held = heldHandler();
    const events = await startLocalBuilder({ port: 0, functionName: FUNCTION, handler: held.run });
    try {
      const res = await aws.fetch(invokeUrl(events.url), {
        method: 'POST',
        headers: { 'x-amz-invocation-type': 'Event' },
        body: JSON.stringify(request),
      });
      // Answered while the handler is still held: the caller never waits for the work.
      expect(res.status).toBe(202);
      expect(await res.text()).toBe('');
      expect(held.events).toEqual([request]);
      held.release();
      expect(await held.answered).toEqual(await preview('/'));
    } finally {
      await events.close();
    }
  });

  it.each([
    { how: 'rejects', handler: () => Promise.reject(new Error('renderer bug')) },
    {
      how: 'throws before its first await',
      handler: (): Promise<unknown> => {
        throw new Error('renderer bug');
      },
    },
  ])(
    'logs a handler that $how in an Event invocation, having answered 202',
    async ({ handler }) => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const failing = await startLocalBuilder({ port: 0, functionName: FUNCTION, handler });
      try {
        const res = await aws.fetch(invokeUrl(failing.url), {
          method: 'POST',
          headers: { 'x-amz-invocation-type': 'Event' },
          body: JSON.stringify({ kind: 'preview', site: 'bees', path: '/' }),
        });
        expect(res.status).toBe(202);
        await vi.waitFor(() =>
          expect(logged).toHaveBeenCalledWith(
            'local builder: event invocation failed',
            expect.objectContaining({ message: 'renderer bug' }),
          ),
        );
      } finally {
        logged.mockRestore();
        await failing.close();
      }
    },
  );

  it('refuses an unknown invocation type without running the handler', async () => {
    const held = heldHandler();
    const other = await startLocalBuilder({ port: 0, functionName: FUNCTION, handler: held.run });
    try {
      const res = await aws.fetch(invokeUrl(other.url), {
        method: 'POST',
        headers: { 'x-amz-invocation-type': 'Later' },
        body: JSON.stringify({ kind: 'preview', site: 'bees', path: '/' }),
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('x-amzn-errortype')).toBe('InvalidParameterValueException');
      expect(held.events).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('is what the edge’s client reads, and each failure becomes its typed error', async () => {
    expect(
      await invokeBuilder(config(builder.url), { kind: 'preview', site: 'bees', path: '/' }),
    ).toEqual(await preview('/'));
    const request = { kind: 'preview', site: 'bees', path: '/' } as const;
    await expect(invokeBuilder(config(broken.url), request)).rejects.toBeInstanceOf(BuilderError);
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    await expect(invokeBuilder(config(nowhere), request)).rejects.toBeInstanceOf(
      BuilderUnreachable,
    );
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const slow = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await expect(invokeBuilder(config(slow), request, { timeoutMs: 300 })).rejects.toBeInstanceOf(
        BuilderTooSlow,
      );
      await expect(
        queueBuilderRequest(config(slow), request, { timeoutMs: 300 }),
      ).rejects.toBeInstanceOf(BuilderTooSlow);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('refuses an answer that does not fit the protocol for its kind, and a bad request', async () => {
    const request = { kind: 'sample', template: 'blog', path: '/' } as const;
    for (const answer of [
      { kind: 'file', status: 200, contentType: 'text/html' },
      { kind: 'file', status: 500, contentType: 'text/html', body: '' },
      { kind: 'redirect', path: 'https://elsewhere.example/' },
      { kind: 'published' },
      { kind: 'bad-request', message: 'unknown request kind "sample"' },
      'file',
    ]) {
      const stub = await startLocalBuilder({
        port: 0,
        functionName: FUNCTION,
        handler: async () => answer,
      });
      try {
        await expect(
          invokeBuilder(config(stub.url), request),
          JSON.stringify(answer),
        ).rejects.toBeInstanceOf(BuilderError);
      } finally {
        await stub.close();
      }
    }
  });

  it('queues a request with the edge’s client: resolved once accepted, the handler run after', async () => {
    const held = heldHandler();
    const events = await startLocalBuilder({ port: 0, functionName: FUNCTION, handler: held.run });
    try {
      const request = { kind: 'sample', template: 'blog', path: '/' } as const;
      await queueBuilderRequest(config(events.url), request);
      expect(held.events).toEqual([request]);
      held.release();
      expect(await held.answered).toMatchObject({ kind: 'file', status: 200 });
      const nowhere = `http://127.0.0.1:${await freePort()}`;
      await expect(queueBuilderRequest(config(nowhere), request)).rejects.toBeInstanceOf(
        BuilderUnreachable,
      );
      const stranger = { builder: { ...config(events.url).builder, functionName: 'someone-else' } };
      await expect(queueBuilderRequest(stranger, request)).rejects.toBeInstanceOf(BuilderError);
    } finally {
      await events.close();
    }
  });
});

/**
 * The real handler behind a gate: it records each event at once, then
 * waits for `release()` before answering, so a test can tell the endpoint
 * answered without waiting for it. `answered` is its first answer.
 */
function heldHandler() {
  const events: unknown[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let answer!: (value: unknown) => void;
  const answered = new Promise<unknown>((resolve) => (answer = resolve));
  const run = async (event: unknown) => {
    events.push(event);
    await gate;
    const result = await handler(event);
    answer(result);
    return result;
  };
  return { events, release, answered, run };
}
