/**
 * Where a page's CPU goes: `npx tsx bench/profile.ts [page ...]` starts the
 * bench's Worker (`harness.ts`) with workerd's V8 inspector open, records a
 * sampling CPU profile of nbhd's isolate while it answers each page 300
 * times, and prints the functions with the most self time, by bundle
 * location, and the share of samples that were idle (waiting on DynamoDB)
 * or in the runtime's own code. Pages are paths, with `SITE` for the
 * benchmark blog (`SITE/settings`); a `.cpuprofile` per page is written to
 * the current folder for Chrome's DevTools. `RUNS=3000 INTERVAL=400` take
 * more requests at a coarser sampling interval (µs; 50 by default): the
 * profiler's own cost is smaller and the shares closer to an unprofiled run.
 * `ALLOC=1` samples allocations instead (V8's sampling heap profiler,
 * counting what was collected too): bytes allocated a request, by origin
 * (nbhd, each package, the runtime) and by function.
 * It measures, it never asserts.
 */
import { writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { buildWorker } from './bundle';
import { bundleOrigins } from './bundle-sources';
import { startHarness } from './harness';
import { freePort } from '../scripts/local/ports';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A positive whole number from the environment, or the default; anything else stops the run. */
function setting(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, not “${text}”`);
  return value;
}

const RUNS = setting('RUNS', 300);
const INTERVAL_US = setting('INTERVAL', 50);
const ALLOC = process.env.ALLOC === '1';

function inspector(url: string) {
  const socket = new WebSocket(url);
  let id = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  const opened = new Promise<void>((resolve) => socket.once('open', resolve));
  return {
    async send<T>(method: string, params: object = {}): Promise<T> {
      await opened;
      const mine = ++id;
      return new Promise<T>((resolve) => {
        waiting.set(mine, (result) => resolve(result as T));
        socket.send(JSON.stringify({ id: mine, method, params }));
      });
    },
    close: () => socket.close(),
  };
}

/** Self time per function, the top `n`, and the idle and runtime shares. */
function summarize(profile: Profile, n = 25): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((sample, i) => {
    const frame = byId.get(sample)!.callFrame;
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + delta);
  });
  const busy = [...self].filter(([key]) => !key.startsWith('(idle)'));
  const busyTotal = busy.reduce((a, [, t]) => a + t, 0);
  const lines = [
    `busy ${(busyTotal / 1000 / RUNS).toFixed(3)} ms a request in the isolate (of ${(total / 1000 / RUNS).toFixed(3)} ms sampled)`,
  ];
  for (const [key, t] of busy.sort((a, b) => b[1] - a[1]).slice(0, n)) {
    lines.push(`${((100 * t) / busyTotal).toFixed(1).padStart(5)} %  ${key}`);
  }
  return lines;
}

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/**
 * Bytes allocated a request: in all, by origin (`bundle-sources.ts`; a
 * built-in such as `Object.entries` counts for the code that called it, and
 * the runtime's own APIs, such as `Response`, for the runtime) and by
 * function, the top `n`.
 */
function summarizeHeap(head: HeapNode, originOfLine: (line: number) => string, n = 25): string[] {
  const self = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  const walk = (node: HeapNode, callerOrigin: string) => {
    const frame = node.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + node.selfSize);
    const origin = frame.url.endsWith('index.js')
      ? originOfLine(frame.lineNumber + 1)
      : frame.functionName === '(V8 API)'
        ? 'runtime'
        : callerOrigin;
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, origin);
  };
  walk(head, 'runtime');
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const share = ([origin, bytes]: [string, number]) =>
    `${origin} ${((100 * bytes) / total).toFixed(0)} %`;
  const lines = [
    `allocated ${(total / 1024 / RUNS).toFixed(1)} KiB a request`,
    `by origin: ${[...byOrigin]
      .sort((a, b) => b[1] - a[1])
      .map(share)
      .join(', ')}`,
  ];
  for (const [key, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    lines.push(`${(bytes / 1024 / RUNS).toFixed(2).padStart(6)} KiB  ${key}`);
  }
  return lines;
}

async function main(): Promise<void> {
  const pages = process.argv.slice(2);
  const outdir = mkdtempSync(join(tmpdir(), 'nbhd-profile-'));
  const port = await freePort();
  try {
    const worker = await buildWorker(outdir);
    const harness = await startHarness(worker.script, console.log, { inspectorPort: port });
    try {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
        id: string;
        webSocketDebuggerUrl?: string;
      }[];
      const target = targets.find((t) => t.id.includes('nbhd')) ?? targets[0];
      if (!target?.webSocketDebuggerUrl) throw new Error('workerd offered no inspector target');
      const originOfLine = bundleOrigins(worker.script);
      const v8 = inspector(target.webSocketDebuggerUrl.replace('localhost', '127.0.0.1'));
      await v8.send(ALLOC ? 'HeapProfiler.enable' : 'Profiler.enable');
      if (!ALLOC) await v8.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
      for (const page of pages.length ? pages : ['/']) {
        const path = page
          .replace('SITE', `/sites/${harness.site.name}`)
          .replace('LONG', harness.site.longPostId);
        const get = async () => {
          const res = await fetch(harness.url + path, {
            headers: { cookie: harness.signedInCookie },
          });
          await res.arrayBuffer();
          return res.status;
        };
        for (let i = 0; i < 50; i++) await get();
        if (ALLOC) {
          await v8.send('HeapProfiler.startSampling', {
            samplingInterval: 256,
            includeObjectsCollectedByMajorGC: true,
            includeObjectsCollectedByMinorGC: true,
          });
          let status = 0;
          for (let i = 0; i < RUNS; i++) status = await get();
          const { profile } = await v8.send<{ profile: { head: HeapNode } }>(
            'HeapProfiler.stopSampling',
          );
          console.log(`\n${path} (${status})`);
          for (const line of summarizeHeap(profile.head, originOfLine)) console.log(line);
          continue;
        }
        await v8.send('Profiler.start');
        let status = 0;
        for (let i = 0; i < RUNS; i++) status = await get();
        const { profile } = await v8.send<{ profile: Profile }>('Profiler.stop');
        const file = `${page.replace(/\W+/g, '_') || 'home'}.cpuprofile`;
        writeFileSync(file, JSON.stringify(profile));
        console.log(`\n${path} (${status}), ${file}`);
        for (const line of summarize(profile)) console.log(line);
      }
      v8.close();
    } finally {
      await harness.close();
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
