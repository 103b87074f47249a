/**
 * Counts the DynamoDB requests a page makes: a pass-through HTTP proxy in
 * front of the real local DynamoDB that tallies each request by operation
 * (the `X-Amz-Target` header). The Worker is pointed at the proxy by its
 * `DYNAMODB_ENDPOINT` variable, exactly as it would be at any endpoint.
 * It also keeps each request as sent (headers, body) with its answer's size,
 * so the calibrated floor (`floor-worker.ts`) can make the same ones.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';

/** One DynamoDB request as the Worker sent it, and how big its answer was. */
export interface DynamoCall {
  headers: Record<string, string>;
  body: string;
  answerBytes: number;
}

export interface DynamoCounter {
  endpoint: string;
  /** Requests by operation since the last `reset()`. */
  counts(): Record<string, number>;
  /** Every request since the last `reset()`, in the order they arrived. */
  calls(): DynamoCall[];
  reset(): void;
  close(): Promise<void>;
}

const kept = ['content-type', 'x-amz-target', 'x-amz-date', 'authorization'];

function keptHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    kept.flatMap((name) => (headers[name] ? [[name, String(headers[name])]] : [])),
  );
}

export async function startDynamoCounter(target: string): Promise<DynamoCounter> {
  const upstream = new URL(target);
  let tally: Record<string, number> = {};
  let calls: DynamoCall[] = [];
  const server = createServer((req, res) => {
    const op = String(req.headers['x-amz-target'] ?? 'unknown')
      .split('.')
      .pop()!;
    tally[op] = (tally[op] ?? 0) + 1;
    const call: DynamoCall = { headers: keptHeaders(req.headers), body: '', answerBytes: 0 };
    calls.push(call);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      call.body = Buffer.concat(chunks).toString('utf8');
      const forward = request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.on('data', (chunk: Buffer) => (call.answerBytes += chunk.length));
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.writeHead(502).end());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => ({ ...tally }),
    calls: () => calls.map((call) => ({ ...call })),
    reset: () => {
      tally = {};
      calls = [];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
