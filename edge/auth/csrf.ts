/**
 * CSRF tokens. Basic browsers (and lynx) do not always send `Origin`, so
 * every state-changing form carries a token: an HMAC of the browser's
 * session id (or, before sign-in, of a random pre-session id kept in its
 * own cookie). A token from another browser or session never verifies.
 */

import { sameSecret } from './constant-time';
import { hmacKey } from './hmac-key';

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

/** The token for forms shown to the holder of `binding` (a session or pre-session id). */
export async function csrfToken(secret: string, binding: string): Promise<string> {
  return base64url(await hmac(secret, `csrf:${binding}`));
}

/** Compares in constant time so the token cannot be guessed byte by byte. */
export async function verifyCsrfToken(
  secret: string,
  binding: string,
  token: string,
): Promise<boolean> {
  return sameSecret(await csrfToken(secret, binding), token);
}
