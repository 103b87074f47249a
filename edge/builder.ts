/**
 * The edge's client for the builder Lambda: Invoke calls signed with
 * aws4fetch, like every other AWS call the Worker makes, with the builder's
 * own key (`Config.builder`). `invokeBuilder` waits for the answer (a
 * RequestResponse invocation, for previews) and checks it against the
 * protocol's schema for the request's kind; `queueBuilderRequest` hands a
 * request to Lambda's queue (an Event invocation, accepted with 202 and no
 * answer) for work nobody waits on. The builder is someone else's server as
 * far as a request is concerned, so every way it can fail becomes one of
 * three typed errors the routes turn into friendly pages: it could not be
 * reached, it failed, or it was too slow. Failures are logged with a short
 * phrase; their raw text never reaches a page.
 */
import { AwsClient } from 'aws4fetch';
import { answerSchemas, type BuilderAnswer, type BuilderRequest } from '../core/builder-protocol';
import type { Config } from './env';

/** Why the builder could not answer; the routes only care which kind. */
export abstract class BuilderFailure extends Error {}

/** Nothing answered at the builder's address (or the connection broke). */
export class BuilderUnreachable extends BuilderFailure {
  override name = 'BuilderUnreachable';
}

/** The builder answered with an error: a function error, a 5xx, or nonsense. */
export class BuilderError extends BuilderFailure {
  override name = 'BuilderError';
}

/** The builder did not answer within the time allowed. */
export class BuilderTooSlow extends BuilderFailure {
  override name = 'BuilderTooSlow';
}

/**
 * How long a preview may take: a cold Lambda loading Eleventy and rendering
 * a 200-post blog fits well inside it, and a person still waits for it.
 */
export const BUILDER_TIMEOUT_MS = 10_000;

/** How long Lambda may take to accept an Event invocation: it only queues it. */
export const BUILDER_QUEUE_TIMEOUT_MS = 5_000;

export interface InvokeOptions {
  /** Give up with `BuilderTooSlow` after this long. */
  timeoutMs?: number;
}

function fail(error: BuilderFailure, detail: string): never {
  console.error('builder invoke failed', error.name, detail);
  throw error;
}

/** One signed Invoke call of `type`, with its JSON body (if any) read in the time allowed. */
async function invoke(
  { builder }: Pick<Config, 'builder'>,
  request: BuilderRequest,
  type: 'RequestResponse' | 'Event',
  timeoutMs: number,
): Promise<{ res: Response; body: unknown }> {
  const aws = new AwsClient({
    accessKeyId: builder.accessKeyId,
    secretAccessKey: builder.secretAccessKey,
    service: 'lambda',
    region: builder.region,
    // One retry for a throttle or a 5xx from the Lambda service; each costs a subrequest.
    retries: 1,
  });
  const name = encodeURIComponent(builder.functionName);
  const url = `${builder.endpoint}/2015-03-31/functions/${name}/invocations`;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await aws.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-invocation-type': type },
      body: JSON.stringify(request),
      signal,
    });
    return { res, body: await res.json().catch(() => undefined) };
  } catch (error) {
    if (signal.aborted) fail(new BuilderTooSlow(), `after ${timeoutMs} ms`);
    fail(new BuilderUnreachable(), error instanceof Error ? error.name : 'unknown');
  }
}

/** What was wrong with an answer that does not fit its schema, for the log. */
function unexpected(body: unknown): string {
  const { kind, message } = (body ?? {}) as { kind?: unknown; message?: unknown };
  if (kind === 'bad-request') return `bad-request ${String(message)}`;
  return `unexpected answer ${typeof kind === 'string' ? kind : typeof body}`;
}

/**
 * Invokes the builder synchronously with `request` and returns its answer,
 * checked against the protocol's answer for that kind; throws
 * `BuilderUnreachable`, `BuilderError` or `BuilderTooSlow`.
 */
export async function invokeBuilder<R extends BuilderRequest>(
  config: Pick<Config, 'builder'>,
  request: R,
  { timeoutMs = BUILDER_TIMEOUT_MS }: InvokeOptions = {},
): Promise<BuilderAnswer<R['kind']>> {
  const { res, body } = await invoke(config, request, 'RequestResponse', timeoutMs);
  if (!res.ok) fail(new BuilderError(), `status ${res.status}`);
  const functionError = res.headers.get('x-amz-function-error');
  if (functionError) {
    const type = (body as { errorType?: unknown } | undefined)?.errorType;
    fail(new BuilderError(), `${functionError} ${typeof type === 'string' ? type : ''}`.trim());
  }
  const answer = answerSchemas[request.kind].safeParse(body);
  if (!answer.success) fail(new BuilderError(), unexpected(body));
  return answer.data as BuilderAnswer<R['kind']>;
}

/**
 * Hands `request` to the builder without waiting for it to run (an Event
 * invocation): resolves once Lambda has queued it. Whatever the builder
 * then does, it reports elsewhere, never here. Throws `BuilderUnreachable`,
 * `BuilderError` (the request was refused) or `BuilderTooSlow`.
 */
export async function queueBuilderRequest(
  config: Pick<Config, 'builder'>,
  request: BuilderRequest,
  { timeoutMs = BUILDER_QUEUE_TIMEOUT_MS }: InvokeOptions = {},
): Promise<void> {
  const { res } = await invoke(config, request, 'Event', timeoutMs);
  if (res.status !== 202) fail(new BuilderError(), `status ${res.status}`);
}
