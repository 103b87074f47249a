/**
 * `npm run configure`: run after `npx cdk deploy --all --outputs-file cdk-outputs.json`. Writes
 * the Worker's `[env.production]` in wrangler.toml from nbhd.config.json and the stack's outputs,
 * then prints the commands that follow. `--check` only says whether wrangler.toml is current
 * (exit 1 naming each difference), for upgrades and CI. `--outputs FILE` and `--wrangler FILE`
 * read other files than cdk-outputs.json and wrangler.toml; `NBHD_CONFIG` another operator file.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { configure } from './operator/configure-step';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let flags;
try {
  flags = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      outputs: { type: 'string' },
      wrangler: { type: 'string' },
    },
  }).values;
} catch (error) {
  process.stderr.write(
    `${(error as Error).message}\nUsage: npm run configure [-- --check] [--outputs FILE] [--wrangler FILE]\n`,
  );
  process.exit(2);
}

const { code, report } = configure({
  root,
  check: flags.check,
  outputsFile: flags.outputs,
  wranglerFile: flags.wrangler,
});
(code === 0 ? process.stdout : process.stderr).write(report);
process.exitCode = code;
