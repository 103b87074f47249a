/**
 * Where the commands find the neighborhood: the stack's outputs as `cdk
 * deploy --outputs-file` writes them, for the stack nbhd.config.json
 * names; a flag or the builder's variable wins over them; and a missing
 * file, stack or value stops with a message naming it.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../scripts/ops/target';
import { recordedOutputs, recordedStack } from '../operator/recorded';

let root: string;
const outputs = recordedOutputs();
const stack = recordedStack();

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nbhd-target-'));
  cpSync('nbhd.config.example.json', join(root, 'nbhd.config.json'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('where backup and restore find the neighborhood', () => {
  it('reads the stack named in nbhd.config.json from cdk-outputs.json', () => {
    writeFileSync(join(root, 'cdk-outputs.json'), JSON.stringify(outputs));
    expect(resolveTarget({}, {}, root, { kvs: true })).toEqual({
      table: stack.TableName,
      bucket: stack.SitesBucket,
      kvsArn: stack.SitesKvsArn,
      region: stack.Region,
      endpoints: {},
    });
  });

  it('takes a flag or a variable over the outputs', () => {
    writeFileSync(join(root, 'cdk-outputs.json'), JSON.stringify(outputs));
    const target = resolveTarget({ table: 'from-flag' }, { SITES_BUCKET: 'from-env' }, root);
    expect(target).toMatchObject({ table: 'from-flag', bucket: 'from-env', region: 'eu-west-1' });
  });

  it('needs no operator files when everything is given, as for a local stack', () => {
    const env = {
      DYNAMODB_TABLE: 'nbhd',
      SITES_BUCKET: 'nbhd-sites',
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
    };
    expect(resolveTarget({}, env, join(root, 'nowhere'))).toMatchObject({
      table: 'nbhd',
      endpoints: { dynamo: 'http://127.0.0.1:8000' },
    });
  });

  it('says how to make the outputs file when it is missing', () => {
    expect(() => resolveTarget({}, {}, root)).toThrow(
      /cdk-outputs.json is missing; run `npx cdk deploy --all --outputs-file cdk-outputs.json`/,
    );
  });

  it('names a stack the outputs do not hold', () => {
    writeFileSync(join(root, 'cdk-outputs.json'), JSON.stringify({ Other: stack }));
    expect(() => resolveTarget({}, {}, root)).toThrow(/Nbhd/);
  });

  it('names an output the file lacks', () => {
    const { SitesKvsArn: _, ...rest } = stack;
    writeFileSync(join(root, 'cdk-outputs.json'), JSON.stringify({ Nbhd: rest }));
    expect(() => resolveTarget({}, {}, root, { kvs: true })).toThrow(
      /output SitesKvsArn is missing/,
    );
  });
});
