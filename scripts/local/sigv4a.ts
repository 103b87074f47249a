/**
 * Checking a SigV4A signature (`AWS4-ECDSA-P256-SHA256`) the way AWS does,
 * for the local KeyValueStore. SigV4A signs with an ECDSA P-256 key that
 * both sides derive deterministically from the secret access key, so a
 * server that knows the secret can rebuild the public key and verify the
 * signature over the canonical request. Written from the SigV4A
 * specification and checked against the SDK's own signer.
 */
import { createECDH, createHash, createHmac, createPublicKey, verify } from 'node:crypto';

export const SIGV4A_ALGORITHM = 'AWS4-ECDSA-P256-SHA256';

/** P-256's group order minus two: derived candidates above it are rejected and retried. */
const N_MINUS_TWO = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f');

/**
 * The P-256 private scalar for `accessKeyId`/`secretAccessKey`: HMAC-SHA256
 * keyed with "AWS4A" + secret over a fixed input holding a counter, plus
 * one; a candidate above n − 2 moves on to the next counter.
 */
export function sigV4aPrivateKey(accessKeyId: string, secretAccessKey: string): Buffer {
  let input = '';
  for (let counter = 1; counter < 254; counter++) {
    // The SDK grows the input with every retry rather than rebuilding it; a verifier must agree.
    input += `\x00\x00\x00\x01${SIGV4A_ALGORITHM}\x00${accessKeyId}${String.fromCharCode(counter)}\x00\x00\x01\x00`;
    const candidate = createHmac('sha256', `AWS4A${secretAccessKey}`)
      .update(Buffer.from(input, 'latin1'))
      .digest();
    const value = BigInt(`0x${candidate.toString('hex')}`);
    if (value > N_MINUS_TWO) continue;
    return Buffer.from((value + 1n).toString(16).padStart(64, '0'), 'hex');
  }
  throw new Error('cannot derive a SigV4A key from these credentials');
}

/** The public key matching `sigV4aPrivateKey`, as a node:crypto key. */
export function sigV4aPublicKey(accessKeyId: string, secretAccessKey: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(sigV4aPrivateKey(accessKeyId, secretAccessKey));
  const point = ecdh.getPublicKey();
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
}

/** `encodeURIComponent` as SigV4 has it: `!'()*` encoded too. */
const escapeUri = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export interface SignedRequest {
  method: string;
  /** The path as it came over the wire, still percent-encoded. */
  rawPath: string;
  query: URLSearchParams;
  /** Header names lower-case, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface SigV4aExpectations {
  accessKeyId: string;
  publicKey: ReturnType<typeof createPublicKey>;
  service: string;
  /** How far the request's `x-amz-date` may be from now. */
  maxSkewMs?: number;
  now?: Date;
}

const AUTHORIZATION =
  /^AWS4-ECDSA-P256-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]+)$/;

/** Why a request's signature is not acceptable, or undefined when it is. */
export function sigV4aProblem(
  req: SignedRequest,
  expected: SigV4aExpectations,
): string | undefined {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const authorization = header('authorization') ?? '';
  if (!authorization.startsWith(`${SIGV4A_ALGORITHM} `)) {
    return `requests must be signed with ${SIGV4A_ALGORITHM}`;
  }
  const match = AUTHORIZATION.exec(authorization);
  if (!match) return 'the Authorization header is malformed';
  const [, accessKeyId, shortDate, service, signedList, signature] = match as unknown as string[];
  if (accessKeyId !== expected.accessKeyId) return 'the access key is not known';
  if (service !== expected.service) return `the credential scope must name ${expected.service}`;
  const signed = signedList!.split(';');
  for (const required of ['host', 'x-amz-date', 'x-amz-region-set']) {
    if (!signed.includes(required)) return `the signed headers must include ${required}`;
  }
  const longDate = header('x-amz-date') ?? '';
  if (!/^\d{8}T\d{6}Z$/.test(longDate) || longDate.slice(0, 8) !== shortDate) {
    return 'x-amz-date is missing or does not match the credential scope';
  }
  const when = Date.parse(
    `${longDate.slice(0, 4)}-${longDate.slice(4, 6)}-${longDate.slice(6, 8)}T${longDate.slice(9, 11)}:${longDate.slice(11, 13)}:${longDate.slice(13, 15)}Z`,
  );
  const now = (expected.now ?? new Date()).getTime();
  if (!(Math.abs(now - when) <= (expected.maxSkewMs ?? 15 * 60_000))) {
    return 'the signature has expired or is dated in the future';
  }
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  const claimedHash = header('x-amz-content-sha256');
  if (claimedHash !== undefined && claimedHash !== bodyHash) {
    return 'x-amz-content-sha256 does not match the body';
  }
  const canonicalHeaders = signed.map((name) => {
    const value = header(name);
    if (value === undefined) return undefined;
    return `${name}:${value
      .replace(/[\r\n]/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .trim()}`;
  });
  if (canonicalHeaders.includes(undefined)) return 'a signed header is missing';
  const query = [...req.query.entries()]
    .map(([k, v]) => `${escapeUri(k)}=${escapeUri(v)}`)
    .sort()
    .join('&');
  const path = escapeUri(req.rawPath).replace(/%2F/g, '/');
  const canonicalRequest = [
    req.method,
    path,
    query,
    canonicalHeaders.join('\n'),
    '',
    signed.join(';'),
    claimedHash ?? bodyHash,
  ].join('\n');
  const stringToSign = [
    SIGV4A_ALGORITHM,
    longDate,
    `${shortDate}/${service}/aws4_request`,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const valid = (() => {
    try {
      const der = Buffer.from(signature!, 'hex');
      return verify('sha256', Buffer.from(stringToSign), expected.publicKey, der);
    } catch {
      return false; // not a DER signature at all
    }
  })();
  return valid ? undefined : 'the signature does not match';
}
