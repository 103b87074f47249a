/**
 * Page weight. Fetches each page from the bundled Worker in workerd and
 * measures its HTML raw, gzip and brotli against the budget of 8 KiB
 * compressed (checked on gzip): the home page signed out, `/me` signed in,
 * and two error pages (`/oauth/callback` with no parameters, and a 404).
 * The home page also gets its "first visit" figure: the HTML plus the
 * stylesheet it links, both gzipped, against 14 KiB; the stylesheet is read
 * from the built asset directory the deploy would upload, and scripts are
 * not counted (a first visit must not need them) but are reported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../scripts/local/edge';
import type { DynamoCounter } from './dynamo-counter';
import { KiB, kib, sizes } from './compress';
import type { Row } from './table';

export const PAGE_BUDGET = 8 * KiB;
export const FIRST_VISIT_BUDGET = 14 * KiB;

const assetsDir = join(root, 'dist', 'assets');

interface Page {
  name: string;
  path: string;
  /** The status the page answers with (error pages are not 200). */
  status?: number;
  signedIn?: boolean;
  firstVisit?: boolean;
}

/** Most DynamoDB requests a page should make (DESIGN.md: a handful of GetItem/Query calls). */
export const DYNAMO_REQUESTS_BUDGET = 3;

const pages: Page[] = [
  { name: 'home (signed out)', path: '/', firstVisit: true },
  { name: 'home (signed in)', path: '/', signedIn: true },
  { name: '/me (signed in)', path: '/me', signedIn: true },
  { name: 'directory, newest (1,000 members)', path: '/members', firstVisit: true },
  { name: 'directory, by name (1,000 members)', path: '/members?order=name' },
  { name: 'directory, page 2', path: '/members?order=name&after=NEXT' },
  { name: 'profile of a member', path: '/members/neighbor500.test' },
  { name: 'error /oauth/callback', path: '/oauth/callback', status: 400 },
  { name: 'error 404', path: '/no-such-page', status: 404 },
];

export async function measurePages(
  url: string,
  signedInCookie: string,
  counter: DynamoCounter,
): Promise<Row[]> {
  const rows: Row[] = [];
  let next = '';
  for (const page of pages) {
    counter.reset();
    const res = await fetch(url + page.path.replace('NEXT', next), {
      redirect: 'manual',
      headers: page.signedIn ? { cookie: signedInCookie } : {},
    });
    const html = await res.text();
    if (!res.headers.get('content-type')?.startsWith('text/html'))
      throw new Error(`${page.path} answered ${res.status} without HTML`);
    if (page.signedIn && !html.includes('Sign out') && !html.includes('/me'))
      throw new Error(`${page.path} did not render signed in (status ${res.status})`);
    if (res.status !== (page.status ?? 200)) throw new Error(`${page.path} answered ${res.status}`);
    next = /[?&]after=([\w-]+)/.exec(html)?.[1] ?? next;
    const counts = counter.counts();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    rows.push({
      name: `dynamo requests ${page.name}`,
      value: String(total),
      budget: `<= ${DYNAMO_REQUESTS_BUDGET}`,
      ok: total <= DYNAMO_REQUESTS_BUDGET && !counts.Scan,
      detail: Object.entries(counts)
        .map(([op, n]) => `${op} ${n}`)
        .join(', '),
    });
    const size = sizes(html);
    rows.push({
      name: `page ${page.name} / gzip`,
      value: kib(size.gzip),
      budget: `< ${kib(PAGE_BUDGET)}`,
      ok: size.gzip < PAGE_BUDGET,
      detail: `${res.status}; raw ${kib(size.raw)}, brotli ${kib(size.brotli)}`,
    });
    if (page.firstVisit) rows.push(firstVisit(page, html, size.gzip));
  }
  return rows;
}

function firstVisit(page: Page, html: string, htmlGzip: number): Row {
  const stylesheets = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map(
    (m) => /\bhref="([^"]+)"/.exec(m[0])?.[1] ?? '',
  );
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="[^"]+"/g)].length;
  const css = stylesheets.map((href) => {
    if (!href.startsWith('/assets/')) throw new Error(`unexpected stylesheet ${href}`);
    return sizes(readFileSync(join(assetsDir, href))).gzip;
  });
  const total = htmlGzip + css.reduce((a, b) => a + b, 0);
  return {
    name: `first visit ${page.name} / gzip`,
    value: kib(total),
    budget: `< ${kib(FIRST_VISIT_BUDGET)}`,
    ok: total < FIRST_VISIT_BUDGET,
    detail: `HTML ${kib(htmlGzip)} + ${css.length} stylesheet ${css.map(kib).join(' + ')}; ${scripts} script(s) not counted`,
  };
}
