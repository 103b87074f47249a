/**
 * A `fetch` for the OAuth client that workerd accepts. The AT Protocol
 * libraries ask for `redirect: 'error'`, which workerd refuses; this asks for
 * `'manual'` instead and fails on any redirect, which is what `'error'` means.
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
