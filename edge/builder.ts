/**
 * The edge's client for the builder Lambda: one synchronous Invoke call,
 * signed with aws4fetch like every other AWS call the Worker makes, with
 * the builder's own key and region (`Config.builder`). The
 * builder is someone else's server as far as a request is concerned, so
 * every way it can fail becomes one of three typed errors the routes turn
 * into friendly pages: it could not be reached, it failed, or it was too
 * slow. Failures are logged with a short phrase; their raw text never
 * reaches a page.
 */
import { AwsClient } from 'aws4fetch';
import type { BuilderRequest, PreviewResponse } from '../core/builder-protocol';
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

const KINDS = new Set<string>(['file', 'redirect', 'no-site', 'invalid']);

function fail(error: BuilderFailure, detail: string): never {
  console.error('builder invoke failed', error.name, detail);
  throw error;
}

export interface InvokeOptions {
  timeoutMs?: number;
}

/**
 * Invokes the builder synchronously with `request` and returns its answer;
 * throws `BuilderUnreachable`, `BuilderError` or `BuilderTooSlow`.
 */
export async function invokeBuilder(
  config: Pick<Config, 'builder'>,
  request: BuilderRequest,
  { timeoutMs = BUILDER_TIMEOUT_MS }: InvokeOptions = {},
): Promise<PreviewResponse> {
  const { endpoint, functionName, region, accessKeyId, secretAccessKey } = config.builder;
  const aws = new AwsClient({
    accessKeyId,
    secretAccessKey,
    service: 'lambda',
    region,
    // One retry for a throttle or a 5xx from the Lambda service; each costs a subrequest.
    retries: 1,
  });
  const url = `${endpoint}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  let body: unknown;
  try {
    res = await aws.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal,
    });
    body = await res.json().catch(() => undefined);
  } catch (error) {
    if (signal.aborted) fail(new BuilderTooSlow(), `after ${timeoutMs} ms`);
    fail(new BuilderUnreachable(), error instanceof Error ? error.name : 'unknown');
  }
  if (!res.ok) fail(new BuilderError(), `status ${res.status}`);
  const functionError = res.headers.get('x-amz-function-error');
  if (functionError) {
    const type = (body as { errorType?: unknown } | undefined)?.errorType;
    fail(new BuilderError(), `${functionError} ${typeof type === 'string' ? type : ''}`.trim());
  }
  const kind = (body as { kind?: unknown } | undefined)?.kind;
  if (typeof kind !== 'string' || !KINDS.has(kind)) {
    fail(new BuilderError(), `unexpected answer ${typeof kind === 'string' ? kind : typeof body}`);
  }
  return body as PreviewResponse;
}
