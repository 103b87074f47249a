/**
 * The simulated neighbors: accounts on the local PDS, and the steps each
 * takes as a person would with a browser, through the app's real pages and
 * forms: signing in by AT Protocol OAuth (our form, the PDS's own sign-in
 * and consent API, the callback), joining, making a site and its first two
 * posts. The PDS part is what its authorization page's script does (the
 * Fetch Metadata headers it checks, its CSRF cookie), as in the workerd
 * tests' `consentAtPds`.
 */
import { createAccount } from '../../scripts/local/atproto';
import { Browser, filled, formFor } from './browser';
import { loopbackUrl } from './http';
import type { Recorder } from './report';

export interface Neighbor {
  index: number;
  handle: string;
  password: string;
  browser: Browser;
  /** Their site's name. */
  site: string;
  /** The post only this neighbor's ordinary saves touch. */
  post: string;
  /** The post only their deliberately conflicting pairs of saves touch. */
  contested: string;
  /** Posts they made during the run. */
  created: string[];
}

export class StepFailed extends Error {
  override name = 'StepFailed';
}

/** Throws a `StepFailed` naming the step and the answer, unless `ok`. */
export function expectStatus(
  step: string,
  answer: { status: number; location?: string },
  ...ok: number[]
): void {
  if (!ok.includes(answer.status))
    throw new StepFailed(
      `${step}: answered ${answer.status}${answer.location ? ` → ${answer.location}` : ''}`,
    );
}

const API = '/@atproto/oauth-provider/~api';

/** Creates `count` accounts on the PDS (each with a profile record and avatar). */
export async function createNeighbors(
  pdsUrl: string,
  count: number,
  recorder: Recorder,
): Promise<Neighbor[]> {
  // The PDS's XRPC API does not care which loopback name it is reached by.
  const pds = `http://127.0.0.1:${loopbackUrl(pdsUrl).port}`;
  const neighbors: Neighbor[] = [];
  for (let index = 0; index < count; index++) {
    const handle = `load${index}.test`;
    const password = `load-password-${index}`;
    await createAccount(loopbackUrl(pds).origin, {
      handle,
      password,
      displayName: `Neighbor ${index}`,
      description: `Lives at number ${index + 1}.`,
      colour: [(index * 37) % 256, (index * 91) % 256, (index * 53) % 256],
    });
    neighbors.push({
      index,
      handle,
      password,
      browser: new Browser(recorder),
      site: `load-${index}`,
      post: '',
      contested: '',
      created: [],
    });
  }
  return neighbors;
}

/** Our front page's form, the PDS's sign-in and consent, and our callback: lands on `/me`. */
export async function signIn(n: Neighbor, app: string): Promise<void> {
  const b = n.browser;
  const front = await b.get('sign-in: front page', `${app}/`);
  expectStatus('front page', front, 200);
  const login = await b.post(
    'sign-in: POST /login',
    `${app}/login`,
    filled(formFor(front.body, '/login'), { handle: n.handle }),
  );
  expectStatus('POST /login', login, 303);
  const callback = await consentAtPds(b, login.location ?? '', n.handle, n.password);
  const done = await b.get('sign-in: callback', app + callback);
  expectStatus('callback', done, 303);
  if (done.location !== '/me') throw new StepFailed(`callback led to ${done.location}`);
}

async function consentAtPds(b: Browser, authorizeUrl: string, handle: string, password: string) {
  const pds = loopbackUrl(authorizeUrl).origin;
  const page = await b.fetch('pds: authorize page', authorizeUrl, {
    headers: {
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
    },
  });
  expectStatus('PDS authorize page', page, 200);
  const api = async <T>(kind: string, endpoint: string, body: unknown, bearer?: string) => {
    const csrf = /(?:^|; )csrf-token=([^;]*)/.exec(b.cookieHeader(pds))?.[1] ?? '';
    const res = await b.fetch(kind, `${pds}${API}${endpoint}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: pds,
        referer: authorizeUrl,
        'sec-fetch-site': 'same-origin',
        'sec-fetch-mode': 'same-origin',
        'sec-fetch-dest': 'empty',
        'x-csrf-token': csrf,
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(body),
    });
    expectStatus(`PDS ${endpoint}`, res, 200);
    return JSON.parse(res.body) as T;
  };
  const signedIn = await api<{ account: { sub: string }; ephemeralToken?: string }>(
    'pds: sign-in',
    '/sign-in',
    { locale: 'en', username: handle, password, remember: false },
  );
  const { url } = await api<{ url: string }>(
    'pds: consent',
    '/consent',
    { sub: signedIn.account.sub },
    signedIn.ephemeralToken,
  );
  // The PDS's redirect page forwards these to redirect_uri; a browser goes straight there.
  const redirect = new URL(url);
  const callback = new URL(redirect.searchParams.get('redirect_uri') ?? '');
  for (const key of ['code', 'state', 'iss', 'error']) {
    const value = redirect.searchParams.get(key);
    if (value !== null) callback.searchParams.set(key, value);
  }
  return callback.pathname + callback.search;
}

/** "Join" on the front page (the neighborhood is open for the run). */
export async function join(n: Neighbor, app: string): Promise<void> {
  const front = await n.browser.get('front page', `${app}/`);
  const res = await n.browser.post('join', `${app}/join`, formFor(front.body, '/join').fields);
  expectStatus('POST /join', res, 303);
}

/** Makes the neighbor's blog and two ready posts: one for ordinary saves, one for conflicts. */
export async function makeSite(n: Neighbor, app: string): Promise<void> {
  const form = await n.browser.get('new site form', `${app}/sites/new?template=blog`);
  expectStatus('GET /sites/new', form, 200);
  const made = await n.browser.post(
    'make site',
    `${app}/sites`,
    filled(formFor(form.body, '/sites'), { name: n.site, template: 'blog' }),
  );
  expectStatus('POST /sites', made, 303);
  n.post = await createPost(n, app, `Notes from number ${n.index + 1}`, 'The first notes.');
  n.contested = await createPost(n, app, `Contested ${n.index}`, 'Two tabs will save this.');
}

/** Posts the new-entry form; returns the new item's id. */
export async function createPost(
  n: Neighbor,
  app: string,
  title: string,
  body: string,
): Promise<string> {
  const path = `/sites/${n.site}/items`;
  const page = await n.browser.get('item editor (new)', `${app}${path}/new?kind=entry`);
  expectStatus('GET new item', page, 200);
  const res = await n.browser.post(
    'item create',
    `${app}${path}`,
    filled(formFor(page.body, path), { title, body, status: 'ready', slug: '' }),
  );
  expectStatus('POST new item', res, 303);
  const id = new RegExp(`^${path}/([0-9a-f-]{36})\\?saved$`).exec(res.location ?? '')?.[1];
  if (!id) throw new StepFailed(`new item led to ${res.location}`);
  return id;
}
