/**
 * Checking a SigV4 signature (`AWS4-HMAC-SHA256`) the way an AWS service
 * does, for the strict stand-ins of Lambda and S3: rebuild the canonical
 * request from what came over the wire, derive the signing key from the
 * secret, and compare. Written from the Signature Version 4 specification,
 * independently of the signers under test (aws4fetch, the SDK), so a
 * signer that drifted from the specification fails here as it would in
 * AWS. Both forms: the `Authorization` header and a presigned query.
 */
import { createHash, createHmac } from 'node:crypto';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** A request as a service receives it. */
export interface WireRequest {
  method: string;
  /** The host the request was sent to. */
  host: string;
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  query: URLSearchParams;
  /** Header names lower-case. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface SigV4Expectations {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
  /** S3 encodes the path once in the canonical request; every other service twice. */
  encodePathOnce?: boolean;
  /** When the request arrives, for a presigned one's expiry; now unless given. */
  now?: Date;
}

/** What a valid signature told us. */
export interface SignedBy {
  signedHeaders: string[];
  date: Date;
  /** Presigned only: how long it is valid, in seconds. */
  expiresIn?: number;
}

const escapeUri = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();

const HEADER =
  /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const parseDate = (long: string) =>
  new Date(
    `${long.slice(0, 4)}-${long.slice(4, 6)}-${long.slice(6, 8)}T${long.slice(9, 11)}:${long.slice(11, 13)}:${long.slice(13, 15)}Z`,
  );

/**
 * Verifies `req` against `expected`; throws naming what is wrong, as the
 * service's 403 would. Returns what the signature covered.
 */
export function verifySigV4(req: WireRequest, expected: SigV4Expectations): SignedBy {
  const presigned = req.query.get('X-Amz-Algorithm') !== null;
  let credential: string, signedList: string, signature: string, longDate: string;
  if (presigned) {
    if (req.query.get('X-Amz-Algorithm') !== SIGV4_ALGORITHM) throw new Error('not SigV4');
    credential = req.query.get('X-Amz-Credential') ?? '';
    signedList = req.query.get('X-Amz-SignedHeaders') ?? '';
    signature = req.query.get('X-Amz-Signature') ?? '';
    longDate = req.query.get('X-Amz-Date') ?? '';
  } else {
    const match = HEADER.exec(req.headers.authorization ?? '');
    if (!match) throw new Error(`Authorization is not ${SIGV4_ALGORITHM}`);
    const [, key, short, region, service, list, sig] = match as unknown as string[];
    credential = `${key}/${short}/${region}/${service}/aws4_request`;
    signedList = list!;
    signature = sig!;
    longDate = req.headers['x-amz-date'] ?? '';
  }
  const [accessKeyId, shortDate, region, service, terminator] = credential.split('/');
  if (accessKeyId !== expected.accessKeyId) throw new Error('unknown access key');
  if (region !== expected.region) throw new Error(`signed for region ${region}`);
  if (service !== expected.service) throw new Error(`signed for service ${service}`);
  if (terminator !== 'aws4_request') throw new Error('bad credential scope');
  if (!/^\d{8}T\d{6}Z$/.test(longDate) || longDate.slice(0, 8) !== shortDate) {
    throw new Error('x-amz-date is missing or outside the credential scope');
  }
  const signed = signedList.split(';');
  if (!signed.includes('host')) throw new Error('host is not signed');
  if ([...signed].sort().join(';') !== signedList) throw new Error('SignedHeaders not sorted');
  const header = (name: string) => (name === 'host' ? req.host : req.headers[name]);
  const canonicalHeaders = signed.map((name) => {
    const value = header(name);
    if (value === undefined) throw new Error(`signed header ${name} is missing`);
    return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
  });
  const query = [...req.query.entries()]
    .filter(([k]) => !(presigned && k === 'X-Amz-Signature'))
    .map(([k, v]) => `${escapeUri(k)}=${escapeUri(v)}`)
    .sort()
    .join('&');
  const path = expected.encodePathOnce
    ? req.rawPath
    : req.rawPath
        .split('/')
        .map((segment) => escapeUri(segment))
        .join('/');
  const bodyHash = presigned
    ? 'UNSIGNED-PAYLOAD'
    : (req.headers['x-amz-content-sha256'] ?? sha256(req.body));
  if (bodyHash !== 'UNSIGNED-PAYLOAD' && bodyHash !== sha256(req.body)) {
    throw new Error('x-amz-content-sha256 does not match the body');
  }
  const canonical = [req.method, path, query, canonicalHeaders.join(''), signedList, bodyHash];
  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const toSign = [SIGV4_ALGORITHM, longDate, scope, sha256(canonical.join('\n'))].join('\n');
  let key = hmac(`AWS4${expected.secretAccessKey}`, shortDate!);
  for (const part of [region!, service!, 'aws4_request']) key = hmac(key, part);
  if (createHmac('sha256', key).update(toSign).digest('hex') !== signature) {
    throw new Error('the signature does not match');
  }
  const date = parseDate(longDate);
  if (!presigned) return { signedHeaders: signed, date };
  const expiresIn = Number(req.query.get('X-Amz-Expires'));
  if (!(expiresIn >= 1 && expiresIn <= 604_800)) throw new Error('X-Amz-Expires out of range');
  if ((expected.now ?? new Date()).getTime() > date.getTime() + expiresIn * 1000) {
    throw new Error('Request has expired');
  }
  return { signedHeaders: signed, date, expiresIn };
}
