/**
 * The sites' viewer-request CloudFront Function: its bundle size against
 * the runtime's 10 KB code limit, and its time per request in the sandbox
 * the local site host uses (an in-memory store, so the figure is the
 * function's own work), against the runtime's budget of about 1 ms. The
 * sandbox runs V8, not CloudFront's runtime, so the time is a guide to how
 * much work each request does, not CloudFront's compute-utilisation figure.
 * `npx tsx bench/site-function.ts` prints the figures alone;
 * `measureSiteFunction()` gives the rows to bench/run.ts.
 */
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { livePointerValue } from '../core/live-pointer';
import { loadSiteFunction } from '../hosting/sandbox';
import { buildSiteFunction, SITE_FUNCTION_LIMIT } from '../scripts/build-site-function.mjs';
import { printTable, type Row } from './table';

export const SITE_FUNCTION_BUDGET_MS = 1;
const WARM_UP = 500;
const CALLS = 5000;

/** A mix of what visitors ask for: pages, a feed, a tag, a redirect, an unknown site. */
const requests: [string, string][] = [
  ['alice.oak.example', '/'],
  ['alice.oak.example', '/posts/week-200/'],
  ['alice.oak.example', '/feed.xml'],
  ['alice.oak.example', '/tags/caf%C3%A9/'],
  ['alice.oak.example', '/about'],
  ['carol.oak.example', '/'],
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

export async function measureSiteFunction(): Promise<Row[]> {
  const source = await buildSiteFunction('oak.example');
  const live = new Map([['alice', livePointerValue('d-2026-06-01')]]);
  const site = loadSiteFunction(source, { get: async (key) => live.get(key) });
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + CALLS; i++) {
    const [host, uri] = requests[i % requests.length]!;
    const { ms } = await site.timed({
      version: '1.0',
      context: { eventType: 'viewer-request', distributionDomainName: 'bench', requestId: `${i}` },
      viewer: { ip: '192.0.2.1' },
      request: {
        method: 'GET',
        uri,
        querystring: {},
        headers: { host: { value: host } },
        cookies: {},
      },
    });
    if (i >= WARM_UP) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const bytes = Buffer.byteLength(source);
  const p99 = percentile(times, 99);
  return [
    {
      name: 'site function / code',
      value: `${bytes} B`,
      budget: `< ${SITE_FUNCTION_LIMIT} B`,
      ok: bytes < SITE_FUNCTION_LIMIT,
      detail: `${gzipSync(source).byteLength} B gzip`,
    },
    {
      name: 'site function / request p99',
      value: us(p99),
      budget: `< ${SITE_FUNCTION_BUDGET_MS} ms`,
      ok: p99 < SITE_FUNCTION_BUDGET_MS,
      detail: `${CALLS} calls in the sandbox; p50 ${us(percentile(times, 50))}, max ${us(times.at(-1)!)}`,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  measureSiteFunction()
    .then((rows) => printTable('The sites’ CloudFront Function', rows))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
