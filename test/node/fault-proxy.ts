/**
 * A fault-injecting HTTP proxy in front of a real local DynamoDB. The
 * emulators never throttle nor fail, so this answers the first `times`
 * requests of one operation with a chosen failure and forwards everything
 * else untouched. It is strict: it counts every request by operation,
 * refuses (and records) anything that is not a DynamoDB call, and a test
 * can check that every planned fault was really served.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

export interface Fault {
  /** The operation it strikes, e.g. `UpdateItem`. */
  operation: string;
  /** How many of its requests it strikes, from the next one. */
  times: number;
  /**
   * `throttle`: a 400 with this exception type, the request never reaching
   * DynamoDB. `lost`: DynamoDB applies the request, then the client gets a
   * 500 instead of the answer. `refused`: a 500 without forwarding. `reset`:
   * the connection is cut without forwarding.
   */
  kind: { throttle: string } | 'lost' | 'refused' | 'reset';
}

export interface FaultProxy {
  endpoint: string;
  /** Plans a fault; faults on one operation are served in the order planned. */
  inject(fault: Fault): void;
  /** Requests seen by operation since the last `reset()`. */
  counts(): Record<string, number>;
  /** Planned faults not yet served. */
  unserved(): Fault[];
  /** Requests that were not DynamoDB calls. */
  strays(): string[];
  reset(): void;
  close(): Promise<void>;
}

const TARGET = /^DynamoDB_20120810\.([A-Za-z]+)$/;

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let counts: Record<string, number> = {};
  let faults: Fault[] = [];
  let strays: string[] = [];

  const forward = (
    req: IncomingMessage,
    body: Buffer,
    answer: (status: number, headers: IncomingMessage['headers'], body: Buffer) => void,
  ) => {
    const out = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => answer(res.statusCode ?? 502, res.headers, Buffer.concat(chunks)));
      },
    );
    out.on('error', () => answer(502, {}, Buffer.from('')));
    out.end(body);
  };

  const fail = (res: ServerResponse, status: number, type: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = TARGET.exec(String(req.headers['x-amz-target'] ?? ''))?.[1];
      if (req.method !== 'POST' || !operation) {
        strays.push(`${req.method} ${req.url} ${String(req.headers['x-amz-target'])}`);
        fail(res, 400, 'UnknownOperationException', 'not a DynamoDB call');
        return;
      }
      counts[operation] = (counts[operation] ?? 0) + 1;
      const fault = faults.find((f) => f.operation === operation && f.times > 0);
      if (fault) fault.times--;
      const kind = fault?.kind;
      if (kind === undefined) {
        forward(req, body, (status, headers, answer) => {
          res.writeHead(status, headers);
          res.end(answer);
        });
      } else if (typeof kind === 'object') {
        fail(res, 400, kind.throttle, 'Rate of requests exceeds the allowed throughput.');
      } else if (kind === 'lost') {
        forward(req, body, () => fail(res, 500, 'InternalServerError', 'Internal server error'));
      } else if (kind === 'refused') {
        fail(res, 500, 'InternalServerError', 'Internal server error');
      } else {
        req.socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    inject: (fault) => faults.push({ ...fault }),
    counts: () => ({ ...counts }),
    unserved: () => faults.filter((f) => f.times > 0),
    strays: () => [...strays],
    reset: () => {
      counts = {};
      faults = [];
      strays = [];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
