/**
 * The local PDS's sign-in and consent, done the way its own authorization
 * page does them (one browser's cookie jar, the Fetch Metadata headers the
 * PDS checks, its JSON API), so a workerd test can carry a real sign-in
 * through to the code without a browser. What comes back is the address
 * the PDS would send that browser to: our callback with `code`, `state`
 * and `iss`.
 */
import { inject } from 'vitest';

const API = '/@atproto/oauth-provider/~api';

/** Cookies a browser would keep for the PDS, by name. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  keep(res: Response): void {
    for (const line of res.headers.getAll('set-cookie')) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  get(name: string): string {
    return this.cookies.get(name) ?? '';
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Opens `authorizeUrl` (where `POST /login` sent the browser), signs in as
 * `handle` with its demo password (or `password`, for an account a test
 * made) and accepts the consent screen. Returns our callback's path and
 * query, which the PDS would redirect to next.
 */
export async function consentAtPds(
  authorizeUrl: string,
  handle: string,
  password = inject('passwords')[handle],
): Promise<string> {
  return (await consentAndWatch(authorizeUrl, handle, password)).callback;
}

/** One OAuth grant the PDS holds for an account, as its account page lists them. */
export interface PdsGrant {
  tokenId: string;
  clientId: string;
}

/**
 * `consentAtPds`, and a way to ask the PDS afterwards, as the same signed-in
 * browser, which OAuth grants it holds for the account (what its "connected
 * apps" page lists). `password` defaults to the demo account's.
 */
export async function consentAndWatch(
  authorizeUrl: string,
  handle: string,
  password = inject('passwords')[handle],
): Promise<{ callback: string; grants(): Promise<PdsGrant[]> }> {
  const pds = inject('pdsUrl');
  const jar = new CookieJar();
  const page = await fetch(authorizeUrl, {
    redirect: 'manual',
    headers: {
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
    },
  });
  await page.arrayBuffer();
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}`);
  jar.keep(page);

  const api = async <T>(endpoint: string, body?: unknown, bearer?: string): Promise<T> => {
    const res = await fetch(`${pds}${API}${endpoint}`, {
      method: body === undefined ? 'GET' : 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        origin: pds,
        referer: authorizeUrl,
        'sec-fetch-site': 'same-origin',
        'sec-fetch-mode': 'same-origin',
        'sec-fetch-dest': 'empty',
        'x-csrf-token': jar.get('csrf-token'),
        cookie: jar.header(),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    jar.keep(res);
    const json = (await res.json()) as T;
    if (res.status !== 200) throw new Error(`${endpoint} answered ${res.status}`);
    return json;
  };

  if (!password) throw new Error(`no demo password for ${handle}`);
  const signedIn = await api<{ account: { sub: string }; ephemeralToken?: string }>('/sign-in', {
    locale: 'en',
    username: handle,
    password,
    remember: false,
  });
  const { url } = await api<{ url: string }>(
    '/consent',
    { sub: signedIn.account.sub },
    signedIn.ephemeralToken,
  );

  // The PDS's redirect page forwards these to redirect_uri; we go straight there.
  const redirect = new URL(url);
  const callback = new URL(redirect.searchParams.get('redirect_uri') ?? '');
  for (const key of ['code', 'state', 'iss', 'error']) {
    const value = redirect.searchParams.get(key);
    if (value !== null) callback.searchParams.set(key, value);
  }
  const sub = signedIn.account.sub;
  return {
    callback: callback.pathname + callback.search,
    grants: () =>
      api<PdsGrant[]>(
        `/oauth-sessions?${new URLSearchParams({ sub })}`,
        undefined,
        signedIn.ephemeralToken,
      ),
  };
}

/** A new account on the local PDS, so a test may revoke, remove or delete it freely. */
export async function newPdsAccount(): Promise<{ did: string; handle: string; password: string }> {
  const handle = `n${crypto.randomUUID().slice(0, 8)}.test`;
  const password = crypto.randomUUID();
  const res = await fetch(`${inject('pdsUrl')}/xrpc/com.atproto.server.createAccount`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle, password, email: `${handle}@example.com` }),
  });
  const json = (await res.json()) as { did?: string };
  if (res.status !== 200 || !json.did) throw new Error(`createAccount answered ${res.status}`);
  return { did: json.did, handle, password };
}
