/**
 * Counts the DynamoDB requests a page makes: a pass-through HTTP proxy in
 * front of the real local DynamoDB that tallies each request by operation
 * (the `X-Amz-Target` header). The Worker is pointed at the proxy by its
 * `DYNAMODB_ENDPOINT` variable, exactly as it would be at any endpoint.
 */
import { createServer, request } from 'node:http';

export interface DynamoCounter {
  endpoint: string;
  /** Requests by operation since the last `reset()`. */
  counts(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

export async function startDynamoCounter(target: string): Promise<DynamoCounter> {
  const upstream = new URL(target);
  let tally: Record<string, number> = {};
  const server = createServer((req, res) => {
    const op = String(req.headers['x-amz-target'] ?? 'unknown')
      .split('.')
      .pop()!;
    tally[op] = (tally[op] ?? 0) + 1;
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
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => ({ ...tally }),
    reset: () => {
      tally = {};
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
