/**
 * What the load test saw: every request's latency and status under its kind,
 * each kind's expected answers (a 409 for the losing save, a 413 for an
 * oversized body are the app doing its job), and the figures printed at the
 * end. Figures are printed, never asserted: on a shared machine they are
 * noisy, and only the audit decides the exit code.
 */
import { performance } from 'node:perf_hooks';

/** Status 0: no answer at all (the connection failed or was reset). */
export const NO_ANSWER = 0;

interface Samples {
  latencies: number[];
  statuses: Map<number, number>;
}

export class Recorder {
  private readonly kinds = new Map<string, Samples>();
  private started = performance.now();
  private stopped?: number;
  /** Requests made while the clock runs (setup and audit are not counted). */
  counting = false;

  constructor(private readonly expected: Record<string, readonly number[]>) {}

  start(): void {
    this.started = performance.now();
    this.counting = true;
  }

  stop(): void {
    this.stopped = performance.now();
    this.counting = false;
  }

  /** Runs one request, recording its latency and status under `kind` (setup's too, apart). */
  async time<T extends { status: number }>(kind: string, request: () => Promise<T>): Promise<T> {
    const name = this.counting ? kind : `setup: ${kind}`;
    const at = performance.now();
    try {
      const answer = await request();
      this.record(name, performance.now() - at, answer.status);
      return answer;
    } catch (error) {
      this.record(name, performance.now() - at, NO_ANSWER);
      throw error;
    }
  }

  private record(kind: string, ms: number, status: number): void {
    const samples = this.kinds.get(kind) ?? { latencies: [], statuses: new Map<number, number>() };
    this.kinds.set(kind, samples);
    samples.latencies.push(ms);
    samples.statuses.set(status, (samples.statuses.get(status) ?? 0) + 1);
  }

  isExpected(kind: string, status: number): boolean {
    const base = kind.replace(/^setup: /, '');
    return (this.expected[base] ?? []).includes(status);
  }

  /** Answers no kind expects, by kind and status (what a report must call out). */
  unexpected(): { kind: string; status: number; count: number }[] {
    const out: { kind: string; status: number; count: number }[] = [];
    for (const [kind, s] of this.kinds)
      for (const [status, count] of s.statuses)
        if (!this.isExpected(kind, status)) out.push({ kind, status, count });
    return out;
  }

  print(log: (line: string) => void): void {
    const seconds = ((this.stopped ?? performance.now()) - this.started) / 1000;
    const measured = [...this.kinds].filter(([kind]) => !kind.startsWith('setup: '));
    const served = measured.reduce((n, [, s]) => n + s.latencies.length, 0);
    log('');
    log(
      `requests served: ${served} in ${seconds.toFixed(1)} s (${(served / seconds).toFixed(1)} req/s)`,
    );
    const rows = [...this.kinds].sort(([a], [b]) => a.localeCompare(b));
    const width = Math.max(...rows.map(([k]) => k.length), 4);
    log(
      `${'kind'.padEnd(width)}  ${'n'.padStart(6)}  ${'p50 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}  answers`,
    );
    for (const [kind, s] of rows) {
      const sorted = [...s.latencies].sort((a, b) => a - b);
      const statuses = [...s.statuses].sort(([a], [b]) => a - b);
      const expected = statuses.filter(([st]) => this.isExpected(kind, st));
      const other = statuses.filter(([st]) => !this.isExpected(kind, st));
      const list = (xs: [number, number][]) =>
        xs.map(([st, n]) => `${st || 'none'}×${n}`).join(' ');
      log(
        `${kind.padEnd(width)}  ${String(sorted.length).padStart(6)}  ${quantile(sorted, 0.5).toFixed(1).padStart(8)}  ${quantile(sorted, 0.99).toFixed(1).padStart(8)}  ${list(expected)}${other.length ? `  UNEXPECTED ${list(other)}` : ''}`,
      );
    }
  }
}

/** The q-quantile of ascending `sorted` (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
