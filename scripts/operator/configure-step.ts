/**
 * The operator's configure step as one function, so the command and its tests run the same
 * code: read the operator file and the stack's outputs, then write (or, with `check`, compare)
 * wrangler.toml's `[env.production]`. Every problem comes back as a message naming it, never as
 * a half-written file: wrangler.toml is written only once everything has been checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadOperatorConfig, OperatorConfigError } from '../../infra/operator-config';
import { nextSteps } from './next-steps';
import { productionSection } from './production-env';
import { readStackOutputs, StackOutputsError } from './stack-outputs';
import { sectionDifferences, withSection, WranglerSectionError } from './wrangler-section';

export interface ConfigureOptions {
  /** The repository's root: the files below are found from it. */
  root: string;
  /** Only compare wrangler.toml with what would be written. */
  check?: boolean;
  /** Default `cdk-outputs.json`. */
  outputsFile?: string;
  /** Default `wrangler.toml`. */
  wranglerFile?: string;
  /** Where `NBHD_CONFIG` is read from. */
  env?: Record<string, string | undefined>;
}

export interface ConfigureResult {
  /** 0 done (or current), 1 not current (`check`) or a problem. */
  code: 0 | 1;
  /** What to print: the outcome, then the next steps, or the problem. */
  report: string;
}

/** Runs the step; never throws for a problem the operator can fix. */
export function configure(options: ConfigureOptions): ConfigureResult {
  try {
    return run(options);
  } catch (error) {
    if (
      error instanceof OperatorConfigError ||
      error instanceof StackOutputsError ||
      error instanceof WranglerSectionError
    ) {
      return { code: 1, report: `${error.message}\n` };
    }
    throw error;
  }
}

function readWrangler(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new WranglerSectionError(
      `${file} is missing: run configure in a checkout of nbhd, whose wrangler.toml it completes`,
    );
  }
}

function run({ root, check, outputsFile, wranglerFile, env }: ConfigureOptions): ConfigureResult {
  const config = loadOperatorConfig(root, env);
  const outputs = readStackOutputs(
    resolve(root, outputsFile ?? 'cdk-outputs.json'),
    config.aws.stackName,
    config.aws.region,
  );
  const section = productionSection(config, outputs);
  const file = resolve(root, wranglerFile ?? 'wrangler.toml');
  const toml = readWrangler(file);
  if (check) {
    const differences = sectionDifferences(toml, section);
    if (differences.length === 0) {
      return { code: 0, report: 'wrangler.toml [env.production] is current.\n' };
    }
    return {
      code: 1,
      report: [
        'wrangler.toml [env.production] is not what `npm run configure` would write:',
        ...differences.map((d) => `  ${d}`),
        'Run `npm run configure` to write it.',
        '',
      ].join('\n'),
    };
  }
  const next = withSection(toml, section);
  const changed = next !== toml;
  if (changed) writeFileSync(file, next);
  const done = changed
    ? `wrangler.toml: [env.production] written for ${config.publicUrl} (stack ${config.aws.stackName} in ${outputs.Region}).`
    : 'wrangler.toml: [env.production] was already current; nothing changed.';
  return { code: 0, report: `${done}\n\n${nextSteps(config, outputs)}` };
}
