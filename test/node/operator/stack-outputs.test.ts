/**
 * `readStackOutputs` takes the stack's outputs from the file `cdk deploy --outputs-file` writes,
 * and stops on anything missing or malformed with a message naming it and the command that
 * writes the file again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStackOutputs } from '../../../scripts/operator/stack-outputs';
import { recordedOutputs, recordedOutputsFile } from './recorded';

const dir = mkdtempSync(join(tmpdir(), 'nbhd-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let written = 0;
/** A file holding `value` as JSON (or `value` itself when it is a string). */
function outputsFile(value: unknown): string {
  const file = join(dir, `cdk-outputs-${written++}.json`);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

const recorded = recordedOutputs();
const main = recorded.Nbhd!;
const keys = Object.keys(main);
const rerun = 'npx cdk deploy --all --outputs-file cdk-outputs.json';

describe('readStackOutputs', () => {
  it("reads the main stack's outputs and leaves the certificate stack's alone", () => {
    expect(Object.keys(recorded)).toContain('NbhdCertificate');
    expect(readStackOutputs(recordedOutputsFile, 'Nbhd', 'eu-west-1')).toEqual(main);
  });

  it.each(keys)('names %s when it is missing', (key) => {
    const { [key]: _gone, ...rest } = main;
    const file = outputsFile({ ...recorded, Nbhd: rest });
    expect(() => readStackOutputs(file, 'Nbhd')).toThrow(`output ${key} is missing`);
    expect(() => readStackOutputs(file, 'Nbhd')).toThrow(rerun);
  });

  it.each(keys)('names %s when it is malformed', (key) => {
    const file = outputsFile({ ...recorded, Nbhd: { ...main, [key]: 'Not a/real value' } });
    expect(() => readStackOutputs(file, 'Nbhd')).toThrow(`output ${key} must be`);
    const number = outputsFile({ ...recorded, Nbhd: { ...main, [key]: 42 } });
    expect(() => readStackOutputs(number, 'Nbhd')).toThrow(`output ${key} must be a string`);
  });

  it('names every bad output at once', () => {
    const { TableName: _t, DistributionId: _d, ...rest } = main;
    const file = outputsFile({ Nbhd: { ...rest, Region: 'Ireland' } });
    expect(() => readStackOutputs(file, 'Nbhd')).toThrow(
      /TableName is missing.*Region must be.*DistributionId is missing/,
    );
  });

  it('names the stack when the file holds only others', () => {
    const file = outputsFile(recorded);
    expect(() => readStackOutputs(file, 'Oak')).toThrow(
      /no outputs of stack Oak \(aws.stackName\), only of NbhdCertificate, Nbhd/,
    );
  });

  it('says how to write the file when it is missing or not JSON', () => {
    expect(() => readStackOutputs(join(dir, 'none.json'), 'Nbhd')).toThrow(
      /none\.json is missing; run `npx cdk deploy --all --outputs-file cdk-outputs\.json`/,
    );
    expect(() => readStackOutputs(outputsFile('{"Nbhd": '), 'Nbhd')).toThrow(/not JSON/);
  });

  it('refuses a stack in another region than the operator file names', () => {
    expect(() => readStackOutputs(recordedOutputsFile, 'Nbhd', 'us-west-2')).toThrow(
      /stack Nbhd is in eu-west-1, but aws.region is us-west-2/,
    );
  });

  it("refuses a builder endpoint outside the stack's region", () => {
    const file = outputsFile({
      Nbhd: { ...main, BuilderUrl: 'https://lambda.us-east-1.amazonaws.com' },
    });
    expect(() => readStackOutputs(file, 'Nbhd')).toThrow(/BuilderUrl .* is not in eu-west-1/);
  });
});
