/**
 * A `fetch` for the OAuth client that workerd accepts. The AT Protocol
 * libraries ask for `redirect: 'error'`, which workerd refuses; this asks for
 * `'manual'` instead and fails on any redirect, which is what `'error'` means.
 * Also the time limits every lookup of ours, and every call of the OAuth
 * library's, is given.
 */

export class UnexpectedRedirectError extends TypeError {
  constructor(url: string, status: number) {
    super(`unexpected redirect (${status}) from ${url}`);
    this.name = 'UnexpectedRedirectError';
  }
}

export const fetchWithoutRedirects: typeof fetch = async (input, init) => {
  if (init?.redirect !== 'error') return fetch(input, init);
  const res = await fetch(input, { ...init, redirect: 'manual' });
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    throw new UnexpectedRedirectError(
      String(input instanceof Request ? input.url : input),
      res.status,
    );
  }
  return res;
};

/**
 * How long one identity lookup (a DID document, a handle, a profile record)
 * may take: 5 s. Someone else's slow server may make a sign-in fail, never
 * hang.
 */
export const IDENTITY_TIMEOUT_MS = 5_000;

/** `signal` (if any) that also aborts after `timeoutMs`. */
export function withTimeout(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/** Whether `error` is a fetch given up by `withTimeout`'s timer rather than by its caller. */
export const isTimeout = (error: unknown): boolean =>
  error instanceof Error && error.name === 'TimeoutError';

/**
 * How long one call the OAuth library makes (a server's metadata, the pushed
 * authorization request, the token exchange, a revocation) may take: 10 s,
 * more than an identity lookup because a busy PDS signs tokens. A PDS that
 * never answers fails the sign-in, or leaves a revocation to the tokens'
 * own expiry, instead of holding a request open.
 */
export const OAUTH_TIMEOUT_MS = 10_000;

/** `fetchWithoutRedirects`, given up after `timeoutMs` unless its caller gives up first. */
export function fetchWithin(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const callers = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    return fetchWithoutRedirects(input, { ...init, signal: withTimeout(callers, timeoutMs) });
  };
}
