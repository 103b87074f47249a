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
 * page/floor and the share that is our code can be read. A page and its
 * floor are measured in turns (one request of each, 500 times, after 50
 * warm-ups of each), so both see the same moments of this shared machine,
 * whose noise alone takes an idle floor's p99 past the budget; and each
 * request's CPU is counted until workerd is quiet again, so what a request
 * leaves behind is its own and not the next one's.
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
  /** The tail's shape: requests over p50 + 2 ms, how far over and how often. */
  spikes: { count: number; medianExtra: number; medianGap: number };
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

/**
 * workerd's CPU counter once it has gone quiet (unchanged over a millisecond),
 * so work a request leaves behind (background tasks, its garbage) is its own
 * and not the next request's, which may be another target's.
 */
async function settled(pid: number): Promise<number> {
  let last = processCpuNs(pid);
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const now = processCpuNs(pid);
    if (now === last) break;
    last = now;
  }
  return last;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;

const request = async (target: Target) => {
  const res = await fetch(target.url, {
    redirect: 'manual',
    headers: target.cookie ? { cookie: target.cookie } : {},
  });
  await res.arrayBuffer();
  return res.status;
};

const median = (values: number[]) =>
  values.length
    ? percentile(
        [...values].sort((a, b) => a - b),
        0.5,
      )
    : 0;

/**
 * The requests far over the median, in the order they were made. A garbage
 * collection shows as spikes a steady number of requests apart (however long
 * the pauses between requests), which is allocation, not the clock.
 */
function spikesOf(inOrder: number[], p50: number): CpuFigures['spikes'] {
  const at = inOrder.flatMap((cpu, i) => (cpu > p50 + 2 ? [i] : []));
  return {
    count: at.length,
    medianExtra: median(at.map((i) => inOrder[i]! - p50)),
    medianGap: median(at.slice(1).map((i, k) => i - at[k]!)),
  };
}

function figures(inOrder: number[], wall: number[], status: number): CpuFigures {
  const cpu = [...inOrder].sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  const p50 = percentile(cpu, 0.5);
  return {
    spikes: spikesOf(inOrder, p50),
    p50,
    p99: percentile(cpu, 0.99),
    mean: cpu.reduce((a, b) => a + b, 0) / cpu.length,
    wallP50: percentile(wall, 0.5),
    status,
  };
}

/**
 * Measures the targets in turns (one request of each, then again), so a page
 * and its floor see the same moments of a busy machine and their tails compare.
 */
async function measure(pid: number, targets: Target[]): Promise<CpuFigures[]> {
  const statuses: number[] = [];
  for (const [t, target] of targets.entries()) {
    for (let i = 0; i < WARMUP; i++) statuses[t] = await request(target);
  }
  const cpu = targets.map((): number[] => []);
  const wall = targets.map((): number[] => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [t, target] of targets.entries()) {
      const before = processCpuNs(pid);
      const start = performance.now();
      const got = await request(target);
      wall[t]!.push(performance.now() - start);
      cpu[t]!.push(((await settled(pid)) - before) / 1e6);
      if (got !== statuses[t])
        throw new Error(`${target.url} answered ${statuses[t]} while warming up, then ${got}`);
    }
  }
  return targets.map((_, t) => figures(cpu[t]!, wall[t]!, statuses[t]!));
}

const ms = (n: number, digits = 2) => `${n.toFixed(digits)} ms`;

const tail = ({ spikes }: CpuFigures) =>
  spikes.count < 2
    ? 'no spikes over p50 + 2 ms'
    : `${spikes.count} spikes over p50 + 2 ms, +${ms(spikes.medianExtra)} every ~${spikes.medianGap} requests (medians)`;

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
  /** Only the pages whose names contain one of these; all when empty. */
  only: string[] = [],
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
  const unknown = only.filter((word) => !list.some((t) => t.budget && t.name.includes(word)));
  if (unknown.length)
    throw new Error(
      `no page is called ${unknown.map((w) => `“${w}”`).join(' or ')}; the pages: ` +
        list
          .filter((t) => t.budget)
          .map((t) => t.name.replace(/^cpu /, ''))
          .join('; '),
    );
  const picked = list.filter(
    (t) => !t.budget || only.length === 0 || only.some((word) => t.name.includes(word)),
  );
  for (const target of picked) {
    if (pid === undefined) {
      rows.push({
        name: `${target.name} / p99`,
        value: 'n/a',
        detail: 'needs Linux /proc schedstat',
      });
      continue;
    }
    const floor = target.budget ? await recordFloor(target, targets) : undefined;
    const [f, ff] = await measure(pid, floor ? [target, floor.target] : [target]);
    if (!f) throw new Error(`nothing measured for ${target.name}`);
    rows.push({
      name: `${target.name} / p99`,
      value: ms(f.p99, 3),
      ...(target.budget
        ? { budget: `< ${CPU_BUDGET_P99_MS} ms`, ok: f.p99 < CPU_BUDGET_P99_MS }
        : {}),
      detail:
        `${f.status}; p50 ${ms(f.p50)}, mean ${ms(f.mean)}, wall p50 ${ms(f.wallP50)} (n=${RUNS}); ` +
        tail(f),
    });
    if (!floor || !ff) continue;
    const ours = 1 - ff.p50 / f.p50;
    rows.push({
      name: `${target.name} / page÷floor`,
      value: `${(f.p99 / ff.p99).toFixed(2)}× p99`,
      detail:
        `floor p99 ${ms(ff.p99, 3)}, p50 ${ms(ff.p50)} (${floor.about}; ${tail(ff)}); ` +
        `p50 ${(f.p50 / ff.p50).toFixed(2)}×, ours ${Math.round(ours * 100)} % ` +
        `(${ms(f.p50 - ff.p50)} at p50, ${ms(f.p99 - ff.p99)} at p99)`,
    });
  }
  return rows;
}

/**
 * Records the DynamoDB requests and answer size of one (warm) request of the
 * page and gives them to the calibrated floor Worker: the floor's target.
 */
async function recordFloor(
  target: Target,
  targets: { calibratedUrl: string; counter: DynamoCounter },
): Promise<{ target: Target; about: string }> {
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
  const sent = calls.reduce((n, call) => n + call.body.length, 0);
  const got = calls.reduce((n, call) => n + call.answerBytes, 0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  return {
    target: {
      name: `${target.name} floor`,
      url: `${targets.calibratedUrl}/${slug}`,
      budget: false,
    },
    about: `${calls.length} DynamoDB requests, ${kb(sent)} sent, ${kb(got)} back; ${kb(answerBytes)} page`,
  };
}
