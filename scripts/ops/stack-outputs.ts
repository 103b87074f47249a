/**
 * The stack's outputs as `cdk deploy --outputs-file cdk-outputs.json`
 * writes them: `{ "<stack name>": { "<output>": "<value>" } }`. The backup
 * and restore commands read the table, bucket, KeyValueStore and region
 * from here, so nothing is copied by hand.
 */
import { readFileSync } from 'node:fs';

/** The outputs file `cdk deploy --outputs-file` is told to write. */
export const STACK_OUTPUTS_FILE = 'cdk-outputs.json';

export class StackOutputsError extends Error {
  override name = 'StackOutputsError';
}

/** The outputs of `stackName` in `file`; throws naming the file or the stack when absent. */
export function readStackOutputs(file: string, stackName: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StackOutputsError(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `${file} is missing: run \`npx cdk deploy --all --outputs-file ${STACK_OUTPUTS_FILE}\``
        : `${file} is not JSON: ${(error as Error).message}`,
    );
  }
  const outputs = (value as Record<string, unknown> | null)?.[stackName];
  if (!outputs || typeof outputs !== 'object') {
    throw new StackOutputsError(`${file} has no outputs of the stack ${stackName}`);
  }
  return Object.fromEntries(
    Object.entries(outputs).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
