/**
 * `GET /health` in workerd against the stack's dynalite and builder, and
 * against parts that fail for real: a DynamoDB address where nothing
 * listens, one that never answers, a configuration the Worker refuses,
 * and a builder that cannot be reached. The answer names only the part
 * that failed; it sets no cookie, is never cached, and `?builder=1` asks
 * the builder once however often it is asked within the minute.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { app } from '../../edge/app';
import type { Env } from '../../edge/env';
import { bindings, ORIGIN } from './support';

/** The Worker, with `changes` to its bindings (each call a fresh isolate's view of them). */
async function health(changes: Partial<Env> = {}, query = '', method = 'GET') {
  const env = { ...bindings, ...changes } as Env;
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}/health${query}`, { method }), env, ctx);
  await waitOnExecutionContext(ctx);
  return { res, env };
}

/** What the Worker logs while `run` runs, one string per call. */
async function logged<T>(run: () => Promise<T>) {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    }),
  );
  try {
    return { result: await run(), lines };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('GET /health', () => {
  it('answers ok when the configuration parses and DynamoDB answers, without cookies or caching', async () => {
    const { res } = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers HEAD with the same status and no body', async () => {
    const { res } = await health({}, '', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('names the database, and nothing else, when nothing answers at its address', async () => {
    const { result, lines } = await logged(() =>
      health({ DYNAMODB_ENDPOINT: inject('deadBuilderUrl') }),
    );
    expect(result.res.status).toBe(503);
    const body = await result.res.text();
    expect(JSON.parse(body)).toEqual({ status: 'failed', failed: ['database'] });
    expect(body).not.toContain(bindings.DYNAMODB_TABLE);
    expect(result.res.headers.get('cache-control')).toBe('no-store');
    expect(lines.join('\n')).toMatch(/health check failed database DynamoUnreachable/);
  });

  it('gives up on a DynamoDB that never answers, and says so', async () => {
    const { result, lines } = await logged(() =>
      health({ DYNAMODB_ENDPOINT: inject('slowBuilderUrl') }),
    );
    expect(result.res.status).toBe(503);
    expect(await result.res.json()).toEqual({ status: 'failed', failed: ['database'] });
    expect(lines.join('\n')).toMatch(/health check failed database no answer in \d+ ms/);
  });

  it('names the configuration, never the value, when the Worker refuses it', async () => {
    const short = 'too-short-a-session-secret';
    const { result, lines } = await logged(() => health({ SESSION_SECRET: short }));
    expect(result.res.status).toBe(503);
    const body = await result.res.text();
    expect(JSON.parse(body)).toEqual({ status: 'failed', failed: ['configuration'] });
    expect(body).not.toContain('SESSION_SECRET');
    const log = lines.join('\n');
    expect(log).toContain('SESSION_SECRET');
    expect(log).not.toContain(short);
  });
});

describe('GET /health?builder=1', () => {
  const invocations = () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    return () =>
      fetch.mock.calls.filter(([input]) =>
        (input instanceof Request ? input.url : String(input)).includes('/invocations'),
      ).length;
  };

  it('adds the builder’s version, asking the builder once however often it is asked', async () => {
    const count = invocations();
    const env = { ...bindings };
    const first = await health(env, '?builder=1');
    expect(first.res.status).toBe(200);
    expect(await first.res.json()).toEqual({
      status: 'ok',
      builder: { version: expect.any(String), build: expect.stringMatching(/^[0-9a-f]{12}$/) },
    });
    // The same bindings, as every request of one isolate sees them.
    const again = await Promise.all(
      [1, 2, 3].map(async () => {
        const ctx = createExecutionContext();
        const res = await app.fetch(new Request(`${ORIGIN}/health?builder=1`), first.env, ctx);
        await waitOnExecutionContext(ctx);
        return res.json();
      }),
    );
    expect(again).toEqual([1, 2, 3].map(() => expect.objectContaining({ status: 'ok' })));
    expect(count()).toBe(1);
    // Without the parameter the builder is not asked at all.
    await health({}, '?builder=0');
    expect(count()).toBe(1);
  });

  it('names the builder when it cannot be reached', async () => {
    const { res } = await health({ BUILDER_URL: inject('deadBuilderUrl') }, '?builder=1');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'failed', failed: ['builder'] });
  });
});
