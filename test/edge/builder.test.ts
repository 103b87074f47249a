/**
 * The edge's builder client in workerd, against the stack's real builder
 * (its local Lambda-invoke endpoint) and the two that fail for real: a
 * per-call timeout gives up when asked, long before the preview's default,
 * and an Event invocation resolves once the builder has accepted it.
 */
import { describe, expect, inject, it } from 'vitest';
import {
  BUILDER_TIMEOUT_MS,
  BuilderTooSlow,
  BuilderUnreachable,
  invokeBuilder,
  queueBuilderRequest,
} from '../../edge/builder';
import { parseConfig } from '../../edge/env';
import { bindings } from './support';

const sample = { kind: 'sample', template: 'blog', path: '/' } as const;
const at = (url: string) => parseConfig({ ...bindings, BUILDER_URL: url });

describe('invokeBuilder', () => {
  it('answers a sample request with the file the builder rendered', async () => {
    const answer = await invokeBuilder(parseConfig(bindings), sample);
    expect(answer).toMatchObject({ kind: 'file', status: 200 });
  });

  it('gives up after the time the call allows', async () => {
    const started = Date.now();
    await expect(
      invokeBuilder(at(inject('slowBuilderUrl')), sample, { timeoutMs: 300 }),
    ).rejects.toBeInstanceOf(BuilderTooSlow);
    expect(Date.now() - started).toBeLessThan(BUILDER_TIMEOUT_MS / 2);
  });
});

describe('queueBuilderRequest', () => {
  it('resolves once the builder has accepted the request', async () => {
    await expect(queueBuilderRequest(parseConfig(bindings), sample)).resolves.toBeUndefined();
  });

  it('says so when the builder cannot be reached or does not accept in time', async () => {
    await expect(queueBuilderRequest(at(inject('deadBuilderUrl')), sample)).rejects.toBeInstanceOf(
      BuilderUnreachable,
    );
    await expect(
      queueBuilderRequest(at(inject('slowBuilderUrl')), sample, { timeoutMs: 300 }),
    ).rejects.toBeInstanceOf(BuilderTooSlow);
  });
});
