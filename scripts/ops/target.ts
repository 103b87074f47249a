/**
 * Where the backup and restore commands find the neighborhood, and the AWS
 * clients they use on it. Each value is taken from the first that has it:
 * a flag (`--table`, `--bucket`, `--kvs-arn`, `--region`), the variable the
 * builder reads (`DYNAMODB_TABLE`, `SITES_BUCKET`, `SITES_KVS_ARN`,
 * `AWS_REGION`), or the stack's outputs (`cdk-outputs.json`, the stack named
 * in `nbhd.config.json`). `DYNAMODB_ENDPOINT`, `S3_ENDPOINT` and
 * `KVS_ENDPOINT` point at a local stack, whose keys are used unless
 * `AWS_ACCESS_KEY_ID` says otherwise; in AWS the SDK finds the operator's
 * own credentials (the Worker's key may not Scan, and must not be used).
 */
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { kvsClient, type LivePointers } from '../../builder/storage/live-pointer';
import { s3Client } from '../../builder/storage/site-files';
import { loadOperatorConfig } from '../../infra/operator-config';
import { LOCAL_CREDENTIALS } from '../local/dynamo';
import { readStackOutputs } from '../operator/stack-outputs';

export interface OpsTarget {
  region: string;
  table: string;
  bucket: string;
  kvsArn?: string;
  endpoints: { dynamo?: string; s3?: string; kvs?: string };
}

export interface TargetFlags {
  table?: string;
  bucket?: string;
  'kvs-arn'?: string;
  region?: string;
  /** The outputs file, if not `cdk-outputs.json` in `root`. */
  outputs?: string;
}

type Env = Record<string, string | undefined>;

export class TargetError extends Error {
  override name = 'TargetError';
}

/**
 * The neighborhood's table, bucket, region and (when `kvs`, as a restore
 * needs) KeyValueStore; throws naming what is missing.
 */
export function resolveTarget(
  flags: TargetFlags,
  env: Env,
  root: string,
  { kvs = false } = {},
): OpsTarget {
  let outputs: Record<string, string> | undefined;
  const fromStack = () => {
    if (!outputs) {
      const config = loadOperatorConfig(root, env);
      const file = flags.outputs ?? join(root, 'cdk-outputs.json');
      outputs = { ...readStackOutputs(file, config.aws.stackName, config.aws.region) };
    }
    return outputs;
  };
  const pick = (flag: string | undefined, variable: string, output: string) =>
    flag ?? env[variable] ?? fromStack()[output];
  const need = (value: string | undefined, what: string, flag: string, variable: string) => {
    if (!value) throw new TargetError(`No ${what}: pass ${flag} or set ${variable}`);
    return value;
  };
  return {
    table: need(
      pick(flags.table, 'DYNAMODB_TABLE', 'TableName'),
      'table',
      '--table',
      'DYNAMODB_TABLE',
    ),
    bucket: need(
      pick(flags.bucket, 'SITES_BUCKET', 'SitesBucket'),
      'bucket',
      '--bucket',
      'SITES_BUCKET',
    ),
    kvsArn: kvs
      ? need(
          pick(flags['kvs-arn'], 'SITES_KVS_ARN', 'SitesKvsArn'),
          'KeyValueStore',
          '--kvs-arn',
          'SITES_KVS_ARN',
        )
      : undefined,
    region: need(
      flags.region ?? env.AWS_REGION ?? fromStack().Region,
      'region',
      '--region',
      'AWS_REGION',
    ),
    endpoints: { dynamo: env.DYNAMODB_ENDPOINT, s3: env.S3_ENDPOINT, kvs: env.KVS_ENDPOINT },
  };
}

export interface OpsClients {
  dynamo: DynamoDBClient;
  s3: S3Client;
  /** Only when the target names a KeyValueStore. */
  pointers?: LivePointers;
}

/** The clients for `target`: the local stack's keys for local endpoints, else the SDK's own chain. */
export function opsClients(target: OpsTarget, env: Env): OpsClients {
  const local = Object.values(target.endpoints).some(Boolean) && !env.AWS_ACCESS_KEY_ID;
  const credentials = local ? LOCAL_CREDENTIALS : undefined;
  const { region, endpoints } = target;
  return {
    dynamo: new DynamoDBClient({ region, endpoint: endpoints.dynamo, credentials }),
    s3: s3Client({ region, endpoint: endpoints.s3, credentials }),
    pointers: target.kvsArn
      ? {
          client: kvsClient({ region, endpoint: endpoints.kvs, credentials }),
          arn: target.kvsArn,
        }
      : undefined,
  };
}
