/**
 * What the backup and restore commands share: their flags, and one way of
 * ending. An expected refusal (a missing setting, a damaged backup, a table
 * that holds another neighborhood) prints its message alone; anything else
 * prints its error, and either way the command exits with 1.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { TargetFlags } from './target';

export const targetOptions = {
  table: { type: 'string' },
  bucket: { type: 'string' },
  'kvs-arn': { type: 'string' },
  region: { type: 'string' },
  outputs: { type: 'string' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** The command's flags, or its usage printed and the process ended for `--help` or a bad flag. */
export function commandFlags<O extends ParseArgsConfig['options']>(options: O, usage: string) {
  try {
    const { values } = parseArgs({ options: { ...targetOptions, ...options }, strict: true });
    const flags = values as TargetFlags & Record<string, string | boolean | undefined>;
    if (flags.help) {
      console.log(usage);
      process.exit(0);
    }
    return flags;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(1);
  }
}

const expected = new Set([
  'BackupRefused',
  'BatchWriteError',
  'DamagedBackup',
  'OperatorConfigError',
  'RestoreRefused',
  'StackOutputsError',
  'TargetError',
]);

/** Runs `main`, ending the process with 1 on an error (named plainly when it is expected). */
export function run(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(expected.has(error.name) ? error.message : error);
      process.exit(1);
    },
  );
}

/** Seconds since `start` (a `performance.now()`), one decimal. */
export const seconds = (start: number) => `${((performance.now() - start) / 1000).toFixed(1)} s`;
