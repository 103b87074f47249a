/**
 * CloudFront KeyValueStore on this machine: a node:http server on
 * 127.0.0.1 speaking the data-plane API exactly as
 * `@aws-sdk/client-cloudfront-keyvaluestore` sends it, so the builder's
 * live pointer talks to it through the real client with only `endpoint`
 * changed. One store, in memory (it lasts as long as the stack).
 *
 * Strict where the real service is: every request must carry a valid
 * SigV4A signature for the local credentials (403 otherwise, SigV4
 * included); every write needs `If-Match` equal to the store's current
 * ETag (409 `ConflictException`) and gets a new ETag; keys are 1–512
 * characters, values at most 1 KB, an `UpdateKeys` at most 50 changes
 * (`ValidationException`); the store at most 5 MB
 * (`ServiceQuotaExceededException`); another ARN or a missing key is a 404
 * `ResourceNotFoundException`; the host must begin with the store's
 * account, as the client addresses it. Errors carry `x-amzn-errortype` and
 * `{ Message }`, the service's REST-JSON shape.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { sigV4aProblem, sigV4aPublicKey } from './sigv4a';

export const KVS_LIMITS = {
  keyLength: 512,
  valueBytes: 1024,
  storeBytes: 5 * 1024 * 1024,
  changesPerUpdate: 50,
  listPage: 50,
};

/** The ARN the local store answers to (the account is AWS's documentation placeholder). */
export const LOCAL_KVS_ARN =
  'arn:aws:cloudfront::123456789012:key-value-store/00000000-0000-4000-8000-00000000a11e';

export interface LocalKvsOptions {
  port: number;
  credentials: { accessKeyId: string; secretAccessKey: string };
  arn?: string;
}

export interface LocalKvs {
  /** `http://127.0.0.1:PORT`, the client's `endpoint`. */
  url: string;
  arn: string;
  /**
   * For fault tests only: while on, every write (PutKey, DeleteKey,
   * UpdateKeys) is refused with 403 `AccessDeniedException`, as AWS refuses
   * a writer that lost its permission; reads still answer.
   */
  refuseWrites(refuse: boolean): void;
  /** Signed requests answered so far, refusals included: the API calls AWS would bill. */
  calls(): number;
  close(): Promise<void>;
}

class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const STORE_PATH = /^\/key-value-stores\/([^/]+)(\/keys(?:\/([^/]+))?)?$/;
const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const newEtag = () => `KV${randomBytes(8).toString('hex').toUpperCase()}`;

/** The store itself: items, its ETag and sizes, and the rules on changing them. */
class Store {
  readonly items = new Map<string, string>();
  etag = newEtag();
  readonly created = Date.now() / 1000;
  lastModified = this.created;

  get size(): number {
    let total = 0;
    for (const [k, v] of this.items) total += utf8Bytes(k) + utf8Bytes(v);
    return total;
  }

  counts() {
    return { ItemCount: this.items.size, TotalSizeInBytes: this.size };
  }

  /** Applies `puts` and `deletes` all or nothing, if `ifMatch` is the current ETag. */
  change(
    ifMatch: unknown,
    puts: { Key?: unknown; Value?: unknown }[],
    deletes: { Key?: unknown }[],
  ) {
    if (typeof ifMatch !== 'string' || ifMatch === '') {
      throw new KvsError(400, 'ValidationException', 'If-Match is required');
    }
    if (ifMatch !== this.etag) {
      throw new KvsError(
        409,
        'ConflictException',
        'The key value store has been modified (ETag mismatch)',
      );
    }
    const next = new Map(this.items);
    for (const { Key, Value } of puts) {
      const key = validKey(Key);
      if (typeof Value !== 'string')
        throw new KvsError(400, 'ValidationException', 'Value is required');
      if (utf8Bytes(Value) > KVS_LIMITS.valueBytes) {
        throw new KvsError(
          400,
          'ValidationException',
          `Value must be at most ${KVS_LIMITS.valueBytes} bytes`,
        );
      }
      next.set(key, Value);
    }
    for (const { Key } of deletes) {
      const key = validKey(Key);
      if (!next.delete(key)) throw new KvsError(404, 'ResourceNotFoundException', 'Key not found');
    }
    let total = 0;
    for (const [k, v] of next) total += utf8Bytes(k) + utf8Bytes(v);
    if (total > KVS_LIMITS.storeBytes) {
      throw new KvsError(
        402,
        'ServiceQuotaExceededException',
        'The key value store would exceed 5 MB',
      );
    }
    this.items.clear();
    for (const [k, v] of next) this.items.set(k, v);
    this.etag = newEtag();
    this.lastModified = Date.now() / 1000;
  }
}

function validKey(key: unknown): string {
  if (typeof key !== 'string' || key.length < 1 || key.length > KVS_LIMITS.keyLength) {
    throw new KvsError(
      400,
      'ValidationException',
      `Key must be 1 to ${KVS_LIMITS.keyLength} characters`,
    );
  }
  return key;
}

function parseJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    /* answered below */
  }
  throw new KvsError(400, 'ValidationException', 'The request body is not a JSON object');
}

const listOf = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** Answers one signed, parsed request against `store`. */
function route(
  store: Store,
  method: string,
  key: string | undefined,
  keysPath: boolean,
  query: URLSearchParams,
  ifMatch: string | undefined,
  body: Buffer,
): { body: Record<string, unknown>; etag?: string } {
  if (!keysPath && method === 'GET') {
    return {
      body: {
        ...store.counts(),
        KvsARN: undefined,
        Created: store.created,
        LastModified: store.lastModified,
        Status: 'READY',
      },
      etag: store.etag,
    };
  }
  if (keysPath && key === undefined && method === 'GET') {
    const max = Number(query.get('MaxResults') ?? KVS_LIMITS.listPage);
    if (!Number.isInteger(max) || max < 1 || max > KVS_LIMITS.listPage) {
      throw new KvsError(
        400,
        'ValidationException',
        `MaxResults must be 1 to ${KVS_LIMITS.listPage}`,
      );
    }
    const token = query.get('NextToken');
    const after = token ? Buffer.from(token, 'base64url').toString('utf8') : undefined;
    const keys = [...store.items.keys()].sort().filter((k) => after === undefined || k > after);
    const page = keys.slice(0, max);
    return {
      body: {
        Items: page.map((k) => ({ Key: k, Value: store.items.get(k) })),
        ...(keys.length > max
          ? { NextToken: Buffer.from(page.at(-1)!).toString('base64url') }
          : {}),
      },
    };
  }
  if (keysPath && key === undefined && method === 'POST') {
    const input = parseJson(body);
    const puts = listOf<{ Key?: unknown; Value?: unknown }>(input.Puts);
    const deletes = listOf<{ Key?: unknown }>(input.Deletes);
    if (puts.length + deletes.length > KVS_LIMITS.changesPerUpdate) {
      throw new KvsError(
        400,
        'ValidationException',
        `At most ${KVS_LIMITS.changesPerUpdate} changes per request`,
      );
    }
    store.change(ifMatch, puts, deletes);
    return { body: store.counts(), etag: store.etag };
  }
  if (key !== undefined && method === 'GET') {
    const value = store.items.get(key);
    if (value === undefined) throw new KvsError(404, 'ResourceNotFoundException', 'Key not found');
    return { body: { Key: key, Value: value, ...store.counts() } };
  }
  if (key !== undefined && method === 'PUT') {
    store.change(ifMatch, [{ Key: key, Value: parseJson(body).Value }], []);
    return { body: store.counts(), etag: store.etag };
  }
  if (key !== undefined && method === 'DELETE') {
    store.change(ifMatch, [], [{ Key: key }]);
    return { body: store.counts(), etag: store.etag };
  }
  throw new KvsError(404, 'UnknownOperationException', 'No such operation');
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify(body));
}

/** Starts the local KeyValueStore on 127.0.0.1:`port`. */
export async function startLocalKvs({
  port,
  credentials,
  arn = LOCAL_KVS_ARN,
}: LocalKvsOptions): Promise<LocalKvs> {
  const store = new Store();
  let refusing = false;
  let calls = 0;
  const account = arn.split(':')[4];
  const publicKey = sigV4aPublicKey(credentials.accessKeyId, credentials.secretAccessKey);
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const url = new URL(req.url ?? '/', 'http://kvs.invalid');
        const problem = sigV4aProblem(
          {
            method: req.method ?? 'GET',
            rawPath: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body,
          },
          { accessKeyId: credentials.accessKeyId, publicKey, service: 'cloudfront-keyvaluestore' },
        );
        if (problem) throw new KvsError(403, 'AccessDeniedException', problem);
        calls++;
        const match = STORE_PATH.exec(url.pathname);
        if (!match) throw new KvsError(404, 'UnknownOperationException', 'No such operation');
        if (decodeURIComponent(match[1]!) !== arn) {
          throw new KvsError(404, 'ResourceNotFoundException', 'No key value store has that ARN');
        }
        // As in AWS, the store's account leads the host name (`<account>.cloudfront-kvs…`).
        if (req.headers.host?.split('.')[0] !== account) {
          throw new KvsError(
            404,
            'UnknownOperationException',
            `Use the host ${account}.<endpoint>`,
          );
        }
        const key = match[3] === undefined ? undefined : decodeURIComponent(match[3]);
        if (refusing && req.method !== 'GET') {
          throw new KvsError(403, 'AccessDeniedException', 'Writes to this store are refused');
        }
        const ifMatch = req.headers['if-match'];
        const answer = route(
          store,
          req.method ?? 'GET',
          key,
          Boolean(match[2]),
          url.searchParams,
          ifMatch,
          body,
        );
        if ('KvsARN' in answer.body) answer.body.KvsARN = arn;
        send(res, 200, answer.body, answer.etag ? { etag: answer.etag } : {});
      } catch (error) {
        if (error instanceof KvsError) {
          send(res, error.status, { Message: error.message }, { 'x-amzn-errortype': error.type });
        } else {
          send(
            res,
            500,
            { Message: 'Internal error' },
            { 'x-amzn-errortype': 'InternalServerException' },
          );
        }
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    arn,
    refuseWrites: (refuse) => {
      refusing = refuse;
    },
    calls: () => calls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
