/**
 * Strict stand-ins for S3 and the CloudFront KeyValueStore in their AWS
 * shape, at the SDK clients' transport (the `requestHandler` every SDK
 * client sends through), for the builder in its production configuration:
 * no `S3_ENDPOINT` or `KVS_ENDPOINT`, and the Lambda role's session
 * credentials. Each one records the request the SDK would have put on the
 * wire, checks it as the service would (host, addressing, signature and the
 * session token under it), and answers with the local stand-in of the same
 * service, so the builder gets real answers: S3 is re-addressed path-style
 * and re-signed for the local S3; the KeyValueStore request goes to the
 * local store unchanged, since it verifies SigV4A itself. A request of the
 * wrong shape is answered 403, as AWS would, and named in `problems`.
 */
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import type { HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';
import { AwsClient } from 'aws4fetch';
import { sigV4aProblem, sigV4aPublicKey } from '../../../scripts/local/sigv4a';
import { verifySigV4 } from './sigv4';

/** Credentials as Lambda hands them to a function's role. */
export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** One request as the SDK would have sent it, with its body's bytes. */
export interface Recorded {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
  signedHeaders: string[];
}

const bytesOf = async (body: unknown): Promise<Buffer> => {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
};

const query = (request: HttpRequest) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(request.query ?? {})) {
    for (const value of Array.isArray(v) ? v : [v ?? '']) q.append(k, value ?? '');
  }
  return q;
};

const lower = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

const refused = (type: string, message: string): { response: HttpResponse } => ({
  response: {
    statusCode: 403,
    reason: 'Forbidden',
    headers: { 'x-amzn-errortype': type, 'content-type': 'application/json' },
    body: Readable.from(Buffer.from(JSON.stringify({ Message: message }))),
  } as HttpResponse,
});

/** A transport that checks each request with `check` and passes it on with `answer`. */
function standIn(
  check: (r: Omit<Recorded, 'signedHeaders'>) => string[],
  answer: (r: Recorded) => Promise<HttpResponse>,
) {
  const requests: Recorded[] = [];
  const problems: string[] = [];
  const handler: RequestHandler<HttpRequest, HttpResponse> = {
    async handle(request: HttpRequest) {
      const body = await bytesOf(request.body);
      const search = query(request).toString();
      const url = new URL(
        `${request.protocol}//${request.hostname}${request.path}${search ? `?${search}` : ''}`,
      );
      const headers = lower(request.headers);
      let signedHeaders: string[] = [];
      const found = (() => {
        try {
          const errors = check({ method: request.method, url, headers, body });
          signedHeaders =
            /SignedHeaders=([^,]+)/.exec(headers.authorization ?? '')?.[1]?.split(';') ??
            url.searchParams.get('X-Amz-SignedHeaders')?.split(';') ??
            [];
          return errors;
        } catch (error) {
          return [(error as Error).message];
        }
      })();
      const recorded = { method: request.method, url, headers, body, signedHeaders };
      requests.push(recorded);
      if (found.length) {
        problems.push(...found.map((p) => `${request.method} ${url.pathname}: ${p}`));
        return refused('AccessDeniedException', found.join('; '));
      }
      return { response: await answer(recorded) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  } as RequestHandler<HttpRequest, HttpResponse>;
  return { handler, requests, problems };
}

/** The session token must be sent and covered by the signature. */
function tokenProblems(headers: Record<string, string>, signed: string[], token: string) {
  const out: string[] = [];
  if (headers['x-amz-security-token'] !== token) out.push('x-amz-security-token is missing');
  if (!signed.includes('x-amz-security-token')) out.push('x-amz-security-token is not signed');
  return out;
}

/** In a presigned address the token is a query parameter, under the signature like the rest. */
function presignedTokenProblems(url: URL, token: string) {
  return url.searchParams.get('X-Amz-Security-Token') === token
    ? []
    : ['X-Amz-Security-Token is missing'];
}

/** Sends `r` to the local server at `port` as it is (same path, headers and Host). */
function relay(
  r: Recorded,
  port: number,
  path = r.url.pathname + r.url.search,
  headers = r.headers,
) {
  return new Promise<HttpResponse>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: r.method, path, headers }, (res) => {
      resolve({
        statusCode: res.statusCode ?? 500,
        reason: res.statusMessage,
        headers: res.headers as Record<string, string>,
        body: res,
      } as HttpResponse);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

/**
 * S3 for `bucket` in `region`: virtual-hosted addressing
 * (`<bucket>.s3.<region>.amazonaws.com`, never the bucket in the path),
 * SigV4 for `s3` with the payload's hash and the session token signed.
 */
export function s3StandIn(opts: {
  bucket: string;
  region: string;
  credentials: SessionCredentials;
  local: { port: number; credentials: { accessKeyId: string; secretAccessKey: string } };
}) {
  const host = `${opts.bucket}.s3.${opts.region}.amazonaws.com`;
  const resign = new AwsClient({ ...opts.local.credentials, service: 's3', region: opts.region });
  return standIn(
    ({ method, url, headers, body }) => {
      if (url.protocol !== 'https:') return ['not https'];
      if (url.host !== host) return [`sent to ${url.host}, not ${host}`];
      if (url.pathname.startsWith(`/${opts.bucket}/`)) return ['path-style addressing'];
      const { signedHeaders, expiresIn } = verifySigV4(
        { method, host: url.host, rawPath: url.pathname, query: url.searchParams, headers, body },
        { ...opts.credentials, region: opts.region, service: 's3', encodePathOnce: true },
      );
      if (expiresIn !== undefined)
        return presignedTokenProblems(url, opts.credentials.sessionToken);
      const out = tokenProblems(headers, signedHeaders, opts.credentials.sessionToken);
      if (!signedHeaders.includes('x-amz-content-sha256'))
        out.push('the payload hash is not signed');
      return out;
    },
    async (r) => {
      const local = new URL(`http://127.0.0.1:${opts.local.port}/${opts.bucket}${r.url.pathname}`);
      for (const [k, v] of r.url.searchParams) {
        if (!k.startsWith('X-Amz-')) local.searchParams.append(k, v);
      }
      const keep = Object.entries(r.headers).filter(
        ([k]) =>
          !['authorization', 'host', 'x-amz-date', 'x-amz-security-token'].includes(k) &&
          !k.startsWith('x-amz-content-sha256'),
      );
      const signed = await resign.sign(local.href, {
        method: r.method,
        headers: Object.fromEntries(keep),
        body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body,
      });
      const headers = Object.fromEntries(signed.headers);
      headers.host = local.host;
      return relay(r, opts.local.port, local.pathname + local.search, headers);
    },
  );
}

/**
 * The KeyValueStore `arn`: the global data-plane endpoint of its account
 * (`<account>.cloudfront-kvs.global.api.aws`), the store's ARN in the path,
 * SigV4A for `cloudfront-keyvaluestore` over region set `*`, with the
 * session token signed; then the local store answers (and checks the
 * signature and `If-Match` once more).
 */
export function kvsStandIn(opts: { arn: string; credentials: SessionCredentials; port: number }) {
  const account = opts.arn.split(':')[4];
  const host = `${account}.cloudfront-kvs.global.api.aws`;
  const publicKey = sigV4aPublicKey(opts.credentials.accessKeyId, opts.credentials.secretAccessKey);
  const storePath = `/key-value-stores/${encodeURIComponent(opts.arn)}`;
  return standIn(
    ({ method, url, headers, body }) => {
      if (url.protocol !== 'https:') return ['not https'];
      if (url.host !== host) return [`sent to ${url.host}, not ${host}`];
      if (url.pathname !== storePath && !url.pathname.startsWith(`${storePath}/keys`)) {
        return [`not a path of the store: ${url.pathname}`];
      }
      const problem = sigV4aProblem(
        { method, rawPath: url.pathname, query: url.searchParams, headers, body },
        {
          accessKeyId: opts.credentials.accessKeyId,
          publicKey,
          service: 'cloudfront-keyvaluestore',
        },
      );
      if (problem) return [problem];
      const out: string[] = [];
      if (headers['x-amz-region-set'] !== '*') out.push('x-amz-region-set is not *');
      const signed = /SignedHeaders=([^,]+)/.exec(headers.authorization ?? '')![1]!.split(';');
      return [...out, ...tokenProblems(headers, signed, opts.credentials.sessionToken)];
    },
    (r) => relay(r, opts.port),
  );
}

/**
 * A browser following a presigned address: a plain GET with nothing but
 * the query to authorise it, sent through `transport`. Its status and body.
 */
export async function presignedGet(
  transport: RequestHandler<HttpRequest, HttpResponse>,
  address: string,
) {
  const url = new URL(address);
  const { response } = await transport.handle({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host },
  } as HttpRequest);
  return { status: response.statusCode, body: await bytesOf(response.body) };
}
