/**
 * Worker CPU time per request, p50 and p99, for `/` (signed out), `/me`
 * (signed in), the directory, and the site editor's pages on the signed-in
 * member's 50-post blog (the template gallery signed out; their sites, a new
 * site, the blog's dashboard, the editor open on its long post, and the
 * settings form), measured in workerd against the dynalite data. workerd itself
 * gives no per-request CPU figure locally: tail events report `cpuTime: 0`,
 * and inside the isolate `performance.now()`/`Date.now()` tick in whole
 * milliseconds (they do advance during computation here, so they measure
 * wall time, which this shared two-core machine inflates). So the figure is
 * read from outside: the kernel's per-thread CPU counters
 * (`/proc/<workerd>/task/<tid>/schedstat`, nanoseconds) summed over all of
 * workerd's threads, read between strictly sequential requests. It is true
 * on-CPU time and excludes every wait on DynamoDB, but it includes what the
 * runtime does around the Worker: parsing the request, writing the response,
 * and the HTTP client work of its DynamoDB subrequests. That makes it an
 * upper bound of the CPU Cloudflare would bill; the empty Worker's row shows
 * the runtime's floor per request for comparison, and each page's calibrated
 * floor (`floor-worker.ts`: the page's own DynamoDB requests and a body of its
 * size, nothing else) shows what the runtime spends on that page, so
 * page/floor and the share that is our code can be read. Runs 50 warm-up
 * requests, then 500 measured ones per page and per floor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { DynamoCounter } from './dynamo-counter';
import type { FloorRecipe } from './floor-worker';
import { POST_COUNT, type SeededSite } from './seed-site';
import type { Row } from './table';

export const CPU_BUDGET_P99_MS = 5;

const WARMUP = 50;
const RUNS = 500;

interface Target {
  name: string;
  url: string;
  cookie?: string;
  budget: boolean;
}

interface CpuFigures {
  p50: number;
  p99: number;
  mean: number;
  /** Client-side round trip, including DynamoDB I/O. */
  wallP50: number;
  status: number;
}

/** Nanoseconds of CPU all threads of `pid` have used so far. */
function processCpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      /* thread exited meanwhile */
    }
  }
  return total;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;

async function measure(pid: number, target: Target): Promise<CpuFigures> {
  const request = async () => {
    const res = await fetch(target.url, {
      redirect: 'manual',
      headers: target.cookie ? { cookie: target.cookie } : {},
    });
    await res.arrayBuffer();
    return res.status;
  };
  let status = 0;
  for (let i = 0; i < WARMUP; i++) status = await request();
  const cpu: number[] = [];
  const wall: number[] = [];
  let last = processCpuNs(pid);
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const got = await request();
    wall.push(performance.now() - start);
    const now = processCpuNs(pid);
    cpu.push((now - last) / 1e6);
    last = now;
    if (got !== status)
      throw new Error(`${target.url} answered ${status} while warming up, then ${got}`);
  }
  cpu.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  return {
    p50: percentile(cpu, 0.5),
    p99: percentile(cpu, 0.99),
    mean: cpu.reduce((a, b) => a + b, 0) / cpu.length,
    wallP50: percentile(wall, 0.5),
    status,
  };
}

const ms = (n: number, digits = 2) => `${n.toFixed(digits)} ms`;

export async function measureCpu(
  pid: number | undefined,
  targets: {
    url: string;
    floorUrl: string;
    calibratedUrl: string;
    signedInCookie: string;
    site: SeededSite;
    counter: DynamoCounter;
  },
): Promise<Row[]> {
  const member = (name: string, path: string): Target => ({
    name: `cpu ${name}`,
    url: `${targets.url}${path}`,
    cookie: targets.signedInCookie,
    budget: true,
  });
  const site = `/sites/${targets.site.name}`;
  const list: Target[] = [
    { name: 'cpu / (signed out)', url: `${targets.url}/`, budget: true },
    {
      name: 'cpu /me (signed in)',
      url: `${targets.url}/me`,
      cookie: targets.signedInCookie,
      budget: true,
    },
    { name: 'cpu /members (1,000 members)', url: `${targets.url}/members`, budget: true },
    {
      name: 'cpu /members?order=name',
      url: `${targets.url}/members?order=name`,
      budget: true,
    },
    { name: 'cpu /templates (signed out)', url: `${targets.url}/templates`, budget: true },
    member('/sites', '/sites'),
    member('/sites/new', '/sites/new'),
    member(`dashboard (${POST_COUNT} posts)`, site),
    member('editor, long post', `${site}/items/${targets.site.longPostId}`),
    member('site settings', `${site}/settings`),
    { name: 'cpu empty Worker (runtime floor)', url: `${targets.floorUrl}/`, budget: false },
  ];
  const rows: Row[] = [];
  for (const target of list) {
    if (pid === undefined) {
      rows.push({
        name: `${target.name} / p99`,
        value: 'n/a',
        detail: 'needs Linux /proc schedstat',
      });
      continue;
    }
    const f = await measure(pid, target);
    const row: Row = {
      name: `${target.name} / p99`,
      value: ms(f.p99, 3),
      ...(target.budget
        ? { budget: `< ${CPU_BUDGET_P99_MS} ms`, ok: f.p99 < CPU_BUDGET_P99_MS }
        : {}),
      detail: `${f.status}; p50 ${ms(f.p50)}, mean ${ms(f.mean)}, wall p50 ${ms(f.wallP50)} (n=${RUNS})`,
    };
    rows.push(row);
    if (!target.budget) continue;
    const floor = await calibratedFloor(pid, target, targets);
    const ours = 1 - floor.figures.p50 / f.p50;
    rows.push({
      name: `${target.name} / page÷floor`,
      value: `${(f.p99 / floor.figures.p99).toFixed(2)}× p99`,
      detail:
        `floor p99 ${ms(floor.figures.p99, 3)}, p50 ${ms(floor.figures.p50)} ` +
        `(${floor.about}); p50 ${(f.p50 / floor.figures.p50).toFixed(2)}×, ours ${Math.round(ours * 100)} %`,
    });
  }
  return rows;
}

/**
 * Records the DynamoDB requests and answer size of one (warm) request of the
 * page, gives them to the calibrated floor Worker and measures it.
 */
async function calibratedFloor(
  pid: number,
  target: Target,
  targets: { calibratedUrl: string; counter: DynamoCounter },
): Promise<{ figures: CpuFigures; about: string }> {
  targets.counter.reset();
  const res = await fetch(target.url, {
    redirect: 'manual',
    headers: target.cookie ? { cookie: target.cookie } : {},
  });
  const answerBytes = (await res.arrayBuffer()).byteLength;
  // Anything the page sends after answering (waitUntil) belongs to it too.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const calls = targets.counter.calls();
  const recipe: FloorRecipe = { calls, answerBytes };
  const slug = encodeURIComponent(target.name);
  const put = await fetch(`${targets.calibratedUrl}/${slug}`, {
    method: 'PUT',
    body: JSON.stringify(recipe),
  });
  if (put.status !== 204) throw new Error(`the calibrated floor refused ${target.name}`);
  const figures = await measure(pid, { ...target, url: `${targets.calibratedUrl}/${slug}` });
  const sent = calls.reduce((n, call) => n + call.body.length, 0);
  const got = calls.reduce((n, call) => n + call.answerBytes, 0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  return {
    figures,
    about: `${calls.length} DynamoDB requests, ${kb(sent)} sent, ${kb(got)} back; ${kb(answerBytes)} page`,
  };
}
