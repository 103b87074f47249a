/**
 * The builder on this machine, behind the same door as in AWS: an HTTP
 * server on 127.0.0.1 speaking the Lambda Invoke API, so the edge calls it
 * with aws4fetch exactly as it calls the real function. It runs the
 * builder's handler in this process with the local configuration.
 *
 * What it mirrors: `POST /2015-03-31/functions/<name>/invocations` with a
 * JSON payload; a SigV4 `Authorization` header for the `lambda` service
 * (present and well-formed; the signature itself is not checked, as there
 * are no real keys locally); `X-Amz-Invocation-Type` `RequestResponse`
 * (the default), `Event` (202, runs in the background) and `DryRun` (204);
 * a handler that throws answers 200 with `X-Amz-Function-Error: Unhandled`
 * and `{ errorType, errorMessage }`; a payload over Lambda's 6 MB limit is
 * refused the way Lambda refuses it; another function name is a 404
 * `ResourceNotFoundException`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SYNC_ANSWER_LIMIT } from '../../core/builder-protocol';

/** Lambda's limit on a synchronous request's and response's payload. */
const PAYLOAD_LIMIT = SYNC_ANSWER_LIMIT;

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/[a-z0-9-]+\/lambda\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

export interface LocalBuilderOptions {
  port: number;
  /** The only function name it answers to. */
  functionName: string;
  /** The builder's handler. */
  handler: (event: unknown) => Promise<unknown>;
}

export interface LocalBuilder {
  /** `http://127.0.0.1:PORT`, the edge's `BUILDER_URL`. */
  url: string;
  close(): Promise<void>;
}

function awsError(res: ServerResponse, status: number, type: string, message: string): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type })
    .end(JSON.stringify({ Type: 'User', message }));
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > PAYLOAD_LIMIT) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** What Lambda answers when the handler throws. */
function functionError(res: ServerResponse, errorType: string, errorMessage: string): void {
  res
    .writeHead(200, {
      'content-type': 'application/json',
      'x-amz-function-error': 'Unhandled',
      'x-amz-executed-version': '$LATEST',
    })
    .end(JSON.stringify({ errorType, errorMessage, trace: [] }));
}

async function invoke(options: LocalBuilderOptions, req: IncomingMessage, res: ServerResponse) {
  const match = INVOKE_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
  if (req.method !== 'POST' || !match) {
    return awsError(res, 404, 'UnknownOperationException', 'Unknown operation');
  }
  if (!SIGV4.test(req.headers.authorization ?? '') || !req.headers['x-amz-date']) {
    return awsError(
      res,
      403,
      'MissingAuthenticationTokenException',
      'Missing or malformed SigV4 authentication for the lambda service',
    );
  }
  const name = decodeURIComponent(match[1]!);
  if (name !== options.functionName) {
    return awsError(res, 404, 'ResourceNotFoundException', `Function not found: ${name}`);
  }
  const body = await readBody(req);
  if (!body) {
    return awsError(res, 413, 'RequestTooLargeException', 'Request must be smaller than 6 MB');
  }
  let event: unknown;
  try {
    event = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    return awsError(res, 400, 'InvalidRequestContentException', 'Could not parse request body');
  }
  const type = req.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  if (type === 'DryRun') return res.writeHead(204).end();
  if (type === 'Event') {
    res.writeHead(202).end();
    // Asynchronous invocations report nothing to the caller; a failure shows here only.
    Promise.resolve(event)
      .then((e) => options.handler(e))
      .catch((error: unknown) => {
        console.error('local builder: event invocation failed', error);
      });
    return;
  }
  if (type !== 'RequestResponse') {
    return awsError(res, 400, 'InvalidParameterValueException', `Bad invocation type ${type}`);
  }
  let result: unknown;
  try {
    result = await options.handler(event);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return functionError(res, e.name, e.message);
  }
  const payload = Buffer.from(JSON.stringify(result ?? null));
  if (payload.length > PAYLOAD_LIMIT) {
    return functionError(
      res,
      'Function.ResponseSizeTooLarge',
      `Response payload size (${payload.length} bytes) exceeded maximum allowed payload size (${PAYLOAD_LIMIT} bytes).`,
    );
  }
  res
    .writeHead(200, {
      'content-type': 'application/json',
      'content-length': payload.length,
      'x-amz-executed-version': '$LATEST',
    })
    .end(payload);
}

/** Starts the invoke endpoint on 127.0.0.1:`port` (0 for any free port). */
export async function startLocalBuilder(options: LocalBuilderOptions): Promise<LocalBuilder> {
  const server = createServer((req, res) => {
    invoke(options, req, res).catch(() => {
      if (!res.headersSent) awsError(res, 500, 'ServiceException', 'Local builder failed');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
