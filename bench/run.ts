/**
 * The benchmarks, in one run: `npx tsx bench/run.ts` (`npm run bench`).
 * Builds the Worker as a deploy would, starts the local stack without its
 * edge and runs the bundle in workerd, then prints one table of figures
 * against DESIGN.md's budgets: bundle size, page weight, DynamoDB requests
 * per page (with 1,000 members in the directory), per-request CPU, the
 * time to render a 200-post blog, the sites' CloudFront Function's size and
 * time per request, preview latency through the builder, and publishing
 * end to end (queued → live, restore, requests and published page weight),
 * the builder's peak memory and requests per publish, preview and export,
 * and pictures (processing time, bytes per width, a post with three on a phone).
 * It prints and never asserts; it fails only when it cannot measure.
 * Everything it starts (dynalite, PLC, PDS, workerd, S3, KVS) is closed before exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureBuilderMemory, memoryRows } from './builder-memory';
import { buildWorker, bundleRows } from './bundle';
import { measureCpu } from './cpu';
import { startHarness } from './harness';
import { measurePages } from './pages';
import { measurePreview } from './preview';
import { measurePictures } from './pictures';
import { measurePublish } from './publish';
import { measureRender } from './render';
import { measureSiteFunction } from './site-function';
import { printTable, type Row } from './table';

const log = (line: string) => console.log(line);
/**
 * `npm run bench -- cpu` measures only CPU per request (and its floors);
 * words after it pick pages by name (`npm run bench -- cpu editor /sites`).
 */
const onlyCpu = process.argv.includes('cpu');
const pages = onlyCpu ? process.argv.slice(process.argv.indexOf('cpu') + 1) : [];

async function main(): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), 'nbhd-bench-'));
  try {
    log('Building the Worker (wrangler deploy --dry-run)…');
    const worker = await buildWorker(outdir);
    const rows: Row[] = bundleRows(worker);
    // First, so its cold figure is a true first render in this process.
    if (!onlyCpu) {
      log('Measuring site rendering…');
      rows.push(...(await measureRender()));
    }

    const harness = await startHarness(worker.script, log);
    try {
      if (!onlyCpu) {
        log('Measuring page weight…');
        rows.push(...(await measurePages(harness.url, harness.signedInCookie, harness.counter)));
      }
      log('Measuring CPU per request…');
      rows.push(...(await measureCpu(harness.workerdPid, harness, pages)));
    } finally {
      await harness.close();
    }
    if (!onlyCpu) {
      log('Measuring the sites’ CloudFront Function…');
      rows.push(...(await measureSiteFunction()));
      log('Measuring preview latency…');
      rows.push(...(await measurePreview(log)));
      log('Measuring publishing…');
      rows.push(...(await measurePublish(log)));
      log('Measuring pictures…');
      rows.push(...(await measurePictures()));
      log('Measuring the builder’s memory…');
      rows.push(...memoryRows(await measureBuilderMemory(log)));
    }
    printTable('nbhd benchmarks (budgets from DESIGN.md, "Budgets")', rows);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
