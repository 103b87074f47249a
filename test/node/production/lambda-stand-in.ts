/**
 * A strict stand-in for the Lambda service's Invoke API at the Worker's
 * fetch boundary: it answers `fetch` for `https://lambda.<region>.amazonaws.com`
 * as the service documents it, and throws on anything else, so nothing
 * leaves the machine. `POST /2015-03-31/functions/<name>/invocations`
 * signed with SigV4 for service `lambda` in the function's region, a JSON
 * body within the payload limit (6 MB synchronous, 1 MB Event);
 * `X-Amz-Invocation-Type` `RequestResponse` (the default) runs the handler
 * and answers 200 with its result, or with `X-Amz-Function-Error` when it
 * throws; `Event` only queues the payload and answers 202 with no body.
 * Refusals carry `x-amzn-errortype` and a JSON `message`, as the service's
 * do. A test may make it throttle (429) or fail (500) for the next calls.
 */
import { verifySigV4 } from './sigv4';

export interface LambdaStandInOptions {
  region: string;
  functionName: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** What a synchronous invocation runs (the real builder handler). */
  handler: (event: unknown) => Promise<unknown>;
}

/** One invocation as it reached the service. */
export interface Invocation {
  url: URL;
  headers: Record<string, string>;
  type: string;
  payload: unknown;
  signedHeaders: string[];
}

const SYNC_LIMIT = 6 * 1024 * 1024;
const EVENT_LIMIT = 1024 * 1024;

function refusal(status: number, type: string, message: string, extra = {}): Response {
  return new Response(JSON.stringify({ Type: 'User', message, ...extra }), {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
  });
}

export function lambdaStandIn({
  region,
  functionName,
  credentials,
  handler,
}: LambdaStandInOptions) {
  const host = `lambda.${region}.amazonaws.com`;
  const path = `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
  /** Invocations the service accepted (synchronous ones ran, Event ones are queued). */
  const accepted: Invocation[] = [];
  /** Every request that reached the service, accepted or not. */
  const received: Request[] = [];
  const faults: Response[] = [];

  async function fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== 'https:' || url.host !== host) {
      throw new Error(`unexpected fetch to ${url.origin}: only ${host} is expected`);
    }
    received.push(request.clone());
    const fault = faults.shift();
    if (fault) return fault;
    const body = new Uint8Array(await request.arrayBuffer());
    const headers = Object.fromEntries(request.headers);
    let signedHeaders: string[];
    try {
      ({ signedHeaders } = verifySigV4(
        {
          method: request.method,
          host: url.host,
          rawPath: url.pathname,
          query: url.searchParams,
          headers,
          body,
        },
        { ...credentials, region, service: 'lambda' },
      ));
    } catch (error) {
      return refusal(403, 'InvalidSignatureException', (error as Error).message);
    }
    if (request.method !== 'POST' || url.pathname !== path) {
      return refusal(404, 'ResourceNotFoundException', `Function not found: ${url.pathname}`);
    }
    const type = headers['x-amz-invocation-type'] ?? 'RequestResponse';
    if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
      return refusal(400, 'InvalidParameterValueException', `bad invocation type ${type}`);
    }
    if (body.byteLength > (type === 'Event' ? EVENT_LIMIT : SYNC_LIMIT)) {
      return refusal(413, 'RequestTooLargeException', 'Request must be smaller than the limit');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return refusal(400, 'InvalidRequestContentException', 'Could not parse request body');
    }
    accepted.push({ url, headers, type, payload, signedHeaders });
    if (type === 'Event') return new Response(null, { status: 202 });
    try {
      const result = await handler(payload);
      return Response.json(result, { headers: { 'x-amz-executed-version': '$LATEST' } });
    } catch (error) {
      const e = error as Error;
      return Response.json(
        { errorType: e.name, errorMessage: e.message },
        { headers: { 'x-amz-function-error': 'Unhandled' } },
      );
    }
  }

  return {
    fetch,
    accepted,
    received,
    /** The next `n` requests are throttled (429), as when the function's concurrency is spent. */
    throttle(n: number) {
      for (let i = 0; i < n; i++) {
        faults.push(
          refusal(429, 'TooManyRequestsException', 'Rate Exceeded.', {
            Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
          }),
        );
      }
    },
    /** The next `n` requests fail inside the service (500). */
    fail(n: number) {
      for (let i = 0; i < n; i++) {
        faults.push(refusal(500, 'ServiceException', 'An internal error occurred'));
      }
    },
  };
}
