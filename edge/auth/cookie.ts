/**
 * The session cookie: a short jose-signed token (HS256) that names a
 * server-side session item. A token that is tampered with, expired or signed
 * with another key reads as "signed out", never as an error.
 *
 * Every signed-in page verifies the same cookie again and again, so a token
 * that verified is remembered per isolate with its expiry, which is checked
 * on every use: the signature is checked once, the expiry always. (The
 * session item is still read on every request, so revocation is at once.)
 */
import { SignJWT, jwtVerify } from 'jose';
import { hmacKey } from './hmac-key';
import { BoundedMemo } from './memo';

export interface SessionClaims {
  /** The member's DID. */
  did: string;
  /** The session item's id. */
  sid: string;
}

const ISSUER = 'nbhd';

export async function signSessionToken(
  secret: string,
  claims: SessionClaims,
  expiresAt: number,
): Promise<string> {
  return new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.did)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(await hmacKey(secret));
}

const verified = new BoundedMemo<{ claims: SessionClaims; expiresAt: number }>(1000);

export async function verifySessionToken(
  secret: string,
  token: string,
): Promise<SessionClaims | undefined> {
  const key = `${token}\n${secret}`;
  const known = verified.get(key);
  if (known) {
    if (known.expiresAt * 1000 > Date.now()) return known.claims;
    verified.delete(key);
    return undefined;
  }
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
    const claims = { did: payload.sub, sid: payload.sid };
    if (typeof payload.exp === 'number') verified.set(key, { claims, expiresAt: payload.exp });
    return claims;
  } catch {
    return undefined;
  }
}
