/**
 * The session cookie: a short jose-signed token (HS256) that names a
 * server-side session item. A token that is tampered with, expired or signed
 * with another key reads as "signed out", never as an error.
 */
import { SignJWT, jwtVerify } from 'jose';
import { hmacKey } from './hmac-key';

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

export async function verifySessionToken(
  secret: string,
  token: string,
): Promise<SessionClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
    return { did: payload.sub, sid: payload.sid };
  } catch {
    return undefined;
  }
}
