/**
 * The section `npm run configure` writes is one wrangler deploys: `wrangler deploy --dry-run
 * --env production` builds the real Worker from a generated wrangler.toml, offline, and reports
 * every variable and the version binding, with no warning that something the top level sets
 * was left out of the environment.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOperatorConfig } from '../../../infra/operator-config';
import { configure } from '../../../scripts/operator/configure-step';
import { productionVars } from '../../../scripts/operator/production-env';
import { readStackOutputs } from '../../../scripts/operator/stack-outputs';
import { repoRoot, workspace, type Workspace } from './support';

let ws: Workspace;
let run: SpawnSyncReturns<string>;

/**
 * What the Worker is built from, copied beside the generated wrangler.toml, so that the build
 * step wrangler runs writes its assets there and not under the repository's dist/, which other
 * tests read.
 */
const sources = ['edge', 'core', 'views', 'templates', 'package.json', 'tsconfig.json'];

beforeAll(() => {
  ws = workspace();
  for (const name of sources) cpSync(join(repoRoot, name), ws.file(name), { recursive: true });
  mkdirSync(ws.file('scripts'));
  cpSync(join(repoRoot, 'scripts/build-assets.mjs'), ws.file('scripts/build-assets.mjs'));
  symlinkSync(join(repoRoot, 'node_modules'), ws.file('node_modules'));
  expect(configure({ root: ws.dir }).code).toBe(0);
  run = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'wrangler'),
    ['deploy', '--dry-run', '--env', 'production', '--outdir', ws.file('out')],
    {
      cwd: ws.dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
    },
  );
}, 120_000);
afterAll(() => ws?.remove());

/** The bindings wrangler lists: name, and the value it shows (shortened past ~40 characters). */
function listedBindings(output: string): Map<string, { value?: string; kind: string }> {
  const found = new Map<string, { value?: string; kind: string }>();
  for (const line of output.split('\n')) {
    const m = /^env\.(\w+)(?: \("(.*)"\))?\s{2,}(\S.*?)\s*$/.exec(line);
    if (m) found.set(m[1]!, { value: m[2], kind: m[3]! });
  }
  return found;
}

describe('wrangler deploy --dry-run --env production', () => {
  it('builds the Worker from the generated section without a warning', () => {
    expect(run.status, run.stderr).toBe(0);
    const output = run.stdout + run.stderr;
    expect(output).not.toMatch(/WARNING|not inherited/);
    expect(existsSync(ws.file('out/index.js'))).toBe(true);
    expect(existsSync(ws.file('dist/assets/_headers'))).toBe(true);
    // The top-level [alias] reaches the environment: the stub, not the Node resolver, is bundled.
    expect(readFileSync(ws.file('out/index.js'), 'utf8')).toContain(
      'nbhd passes its own handleResolver',
    );
  });

  it('reports every variable with its value, the version binding and the assets', () => {
    const config = loadOperatorConfig(ws.dir);
    const outputs = readStackOutputs(ws.file('cdk-outputs.json'), config.aws.stackName);
    const expected = productionVars(config, outputs);
    const bindings = listedBindings(run.stdout);
    expect(bindings.get('CF_VERSION_METADATA')?.kind).toBe('Worker Version Metadata');
    expect(bindings.get('ASSETS')?.kind).toBe('Assets');
    const vars = [...bindings].filter(([, b]) => b.kind === 'Environment Variable');
    expect(vars.map(([name]) => name).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, { value }] of vars) {
      const want = expected[name as keyof typeof expected];
      if (value?.endsWith('...')) expect(want.startsWith(value.slice(0, -3))).toBe(true);
      else expect(value).toBe(want);
    }
  });
});
