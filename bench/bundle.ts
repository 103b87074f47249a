/**
 * Worker bundle size. Builds the Worker exactly as `wrangler deploy` would,
 * with `wrangler deploy --dry-run --outdir <tmpdir>` (which also runs the
 * `[build]` asset step from wrangler.toml), then measures the bundled
 * `index.js` raw and gzipped against the 300 KiB gzip budget. Wrangler's own
 * "Total Upload" gzip figure is kept as a cross-check. The same bundle is
 * then loaded into workerd by the CPU benchmark, so both measure what ships.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../scripts/local/edge';
import { KiB, kib, sizes, type Sizes } from './compress';
import type { Row } from './table';

export const BUNDLE_BUDGET_GZIP = 300 * KiB;

export interface BuiltWorker {
  /** The bundled module, `<outdir>/index.js`. */
  script: string;
  size: Sizes;
  /** Wrangler's own "Total Upload … / gzip: N KiB" figure, when it printed one. */
  wranglerGzip?: string;
}

export async function buildWorker(outdir: string): Promise<BuiltWorker> {
  const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [wrangler, 'deploy', '--dry-run', `--outdir=${outdir}`],
    {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        NO_UPDATE_NOTIFIER: '1',
      },
    },
  );
  const script = join(outdir, 'index.js');
  return {
    script,
    size: sizes(readFileSync(script)),
    wranglerGzip: /Total Upload: .*? \/ gzip: ([\d.]+ KiB)/.exec(stdout)?.[1],
  };
}

export function bundleRows(worker: BuiltWorker): Row[] {
  const { raw, gzip } = worker.size;
  return [
    {
      name: 'worker bundle index.js / gzip',
      value: kib(gzip),
      budget: `< ${kib(BUNDLE_BUDGET_GZIP)}`,
      ok: gzip < BUNDLE_BUDGET_GZIP,
      detail: `raw ${kib(raw)}${worker.wranglerGzip ? `; wrangler total upload gzip ${worker.wranglerGzip}` : ''}`,
    },
  ];
}
