/**
 * The recorded stack outputs (`fixtures/cdk-outputs.recorded.json`), as
 * `cdk deploy --outputs-file` writes them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StackOutputs } from '../../../scripts/operator/stack-outputs';

export const recordedOutputsFile = fileURLToPath(
  new URL('fixtures/cdk-outputs.recorded.json', import.meta.url),
);

/** The recorded outputs file, parsed: stack name, then output key, then value. */
export function recordedOutputs(): Record<string, Record<string, string>> {
  return JSON.parse(readFileSync(recordedOutputsFile, 'utf8')) as Record<
    string,
    Record<string, string>
  >;
}

/** The main stack's outputs in it, as recorded. */
export function recordedStack(): StackOutputs {
  return recordedOutputs().Nbhd as StackOutputs;
}
