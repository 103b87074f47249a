/**
 * Page weight. Fetches each page from the bundled Worker in workerd and
 * measures its HTML raw, gzip and brotli against the budget of 8 KiB
 * compressed (checked on gzip): the home page signed out, `/me` signed in,
 * the directory, two error pages (`/oauth/callback` with no parameters, and
 * a 404), and the site editor's pages on the signed-in member's 50-post
 * blog (`seed-site.ts`): the template gallery, their sites, a new site, the
 * blog's dashboard, the editor open on its long post, and its settings.
 * Public pages and the heaviest editor page also get a "first visit"
 * figure: the HTML plus the stylesheet it links, both gzipped, against
 * 14 KiB; the stylesheet is read from the built asset directory the deploy
 * would upload, and scripts are not counted (a first visit must not need
 * them) but are reported. Each page's DynamoDB requests are counted too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../scripts/local/edge';
import type { DynamoCounter } from './dynamo-counter';
import { KiB, kib, sizes } from './compress';
import { BENCH_SITE, LONG_POST_TITLE, POST_COUNT } from './seed-site';
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
  /** More to say about the page, read from its HTML. */
  about?: (html: string) => string;
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
  { name: 'template gallery (signed out)', path: '/templates', firstVisit: true },
  { name: 'your sites', path: '/sites', signedIn: true },
  { name: 'new site', path: '/sites/new', signedIn: true },
  {
    name: `site dashboard (${POST_COUNT} posts)`,
    path: `/sites/${BENCH_SITE}`,
    signedIn: true,
  },
  {
    name: 'editor, long post',
    path: 'LONG_POST',
    signedIn: true,
    firstVisit: true,
    about: postText,
  },
  { name: 'site settings', path: `/sites/${BENCH_SITE}/settings`, signedIn: true },
];

/** The long post's editor, as linked from the dashboard (measured just before it). */
function longPostPath(dashboard: string): string | undefined {
  const link = new RegExp(`href="(/sites/${BENCH_SITE}/items/[0-9a-f-]{36})">${LONG_POST_TITLE}<`);
  return link.exec(dashboard)?.[1];
}

/** How much of the editor page is the post's own text (the body field), which no page design can shrink. */
function postText(html: string): string {
  const text = /<textarea\b[^>]*\bname="body"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1];
  if (!text) throw new Error('the editor has no body field');
  const size = sizes(text);
  return `; the post's text ${kib(size.raw)} raw, ${kib(size.gzip)} gzip alone`;
}

export async function measurePages(
  url: string,
  signedInCookie: string,
  counter: DynamoCounter,
): Promise<Row[]> {
  const rows: Row[] = [];
  let next = '';
  let longPost: string | undefined;
  for (const page of pages) {
    const path = page.path === 'LONG_POST' ? longPost : page.path.replace('NEXT', next);
    if (!path) throw new Error(`the dashboard does not link to “${LONG_POST_TITLE}”`);
    counter.reset();
    const res = await fetch(url + path, {
      redirect: 'manual',
      headers: page.signedIn ? { cookie: signedInCookie } : {},
    });
    const html = await res.text();
    if (!res.headers.get('content-type')?.startsWith('text/html'))
      throw new Error(`${path} answered ${res.status} without HTML`);
    if (page.signedIn && !html.includes('Sign out') && !html.includes('/me'))
      throw new Error(`${path} did not render signed in (status ${res.status})`);
    if (res.status !== (page.status ?? 200)) throw new Error(`${path} answered ${res.status}`);
    next = /[?&]after=([\w-]+)/.exec(html)?.[1] ?? next;
    longPost ??= longPostPath(html);
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
      detail: `${res.status}; raw ${kib(size.raw)}, brotli ${kib(size.brotli)}${page.about?.(html) ?? ''}`,
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
