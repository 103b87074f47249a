/**
 * CSRF tokens. Basic browsers (and lynx) do not always send `Origin`, so
 * every state-changing form carries a token: an HMAC of the browser's
 * session id (or, before sign-in, of a random pre-session id kept in its
 * own cookie). A token from another browser or session never verifies.
 * Every page of a session shows the same token, so it is computed once per
 * binding and isolate (a bounded memo) instead of an HMAC per request.
 */

import { sameSecret } from './constant-time';
import { hmacKey } from './hmac-key';
import { BoundedMemo } from './memo';

const encoder = new TextEncoder();

async function hmac(secret: string, message: string): Promise<Uint8Array> {
  const key = await hmacKey(secret);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

const tokens = new BoundedMemo<string>(1000);

/** The token for forms shown to the holder of `binding` (a session or pre-session id). */
export async function csrfToken(secret: string, binding: string): Promise<string> {
  const key = `${binding}\n${secret}`;
  let token = tokens.get(key);
  if (token === undefined) {
    token = base64url(await hmac(secret, `csrf:${binding}`));
    tokens.set(key, token);
  }
  return token;
}

/** Compares in constant time so the token cannot be guessed byte by byte. */
export async function verifyCsrfToken(
  secret: string,
  binding: string,
  token: string,
): Promise<boolean> {
  return sameSecret(await csrfToken(secret, binding), token);
}
