/**
 * The load test's only way out: one HTTP request at a time over node:http,
 * to loopback and nowhere else. Every address is checked before anything is
 * sent; `localhost` (the local PDS's issuer name) is connected to on
 * 127.0.0.1 with its own `Host` header, so no name is ever resolved and no
 * packet can leave the machine. Redirects are never followed: the caller
 * reads each status and `Location` itself, as a browser's network log would.
 */
import { Agent, request } from 'node:http';

export interface Answer {
  status: number;
  location?: string;
  /** Each `Set-Cookie` line, apart. */
  cookies: string[];
  body: string;
}

export interface Send {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** The only hosts the load test may name. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/** Throws unless `url` is plain http on loopback; returns it parsed. */
export function loopbackUrl(url: string): URL {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || !LOOPBACK.has(parsed.hostname))
    throw new Error(`refusing to send to ${parsed.origin}: the load test talks only to 127.0.0.1`);
  return parsed;
}

/**
 * A connection per request, closed after its answer. A kept-alive connection
 * that the server closes as idle just as a request goes out is reset with no
 * answer, which would read as the app failing; a browser retries such a
 * request unseen, a load test must not.
 */
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

export function send(
  url: string,
  { method = 'GET', headers = {}, body }: Send = {},
): Promise<Answer> {
  const target = loopbackUrl(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.pathname + target.search,
        method,
        agent,
        headers: {
          host: target.host,
          ...headers,
          ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            cookies: res.headers['set-cookie'] ?? [],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    // An app that refuses an oversized body may answer before reading it and close.
    req.on('error', reject);
    req.end(body);
  });
}

/** Closes any connection still open so the process can exit. */
export function closeConnections(): void {
  agent.destroy();
}
