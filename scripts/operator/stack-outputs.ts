/**
 * The stack's outputs as `cdk deploy --all --outputs-file cdk-outputs.json` records them
 * (`{ "<StackName>": { "<OutputKey>": "value", … }, … }`), checked once for every operator
 * command that needs them (`npm run configure`, backups). A missing or malformed output stops
 * with a message naming it: the file is only ever written by cdk, so a bad value means the
 * stack and the file have drifted apart, and deploying again with `--outputs-file` mends it.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';

/** The command that writes the file; every message about it ends by naming it. */
export const OUTPUTS_COMMAND = 'npx cdk deploy --all --outputs-file cdk-outputs.json';

const region = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

const output = (name: string, pattern: RegExp, shape: string) =>
  z
    .string({
      required_error: `output ${name} is missing`,
      invalid_type_error: `output ${name} must be a string`,
    })
    .regex(pattern, `output ${name} must be ${shape}`);

const schema = z.object({
  TableName: output('TableName', /^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name'),
  Region: output('Region', region, 'an AWS region such as eu-west-1'),
  EdgeUserName: output('EdgeUserName', /^[\w+=,.@-]{1,64}$/, 'an IAM user name'),
  BuilderFunction: output('BuilderFunction', /^[A-Za-z0-9_-]{1,64}$/, 'a Lambda function name'),
  BuilderUrl: output(
    'BuilderUrl',
    /^https:\/\/lambda\.[a-z0-9-]+\.amazonaws\.com$/,
    'a Lambda endpoint such as https://lambda.eu-west-1.amazonaws.com',
  ),
  SitesBucket: output('SitesBucket', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
  SitesKvsArn: output(
    'SitesKvsArn',
    /^arn:aws:cloudfront::\d{12}:key-value-store\/[0-9a-f-]{36}$/,
    'a CloudFront KeyValueStore ARN',
  ),
  DistributionId: output('DistributionId', /^E[A-Z0-9]{5,20}$/, 'a CloudFront distribution id'),
  DistributionDomainName: output(
    'DistributionDomainName',
    /^[a-z0-9]+\.cloudfront\.net$/,
    'a CloudFront domain such as d111111abcdef8.cloudfront.net',
  ),
});

/** The main stack's outputs, under the keys cdk gives them. */
export type StackOutputs = z.output<typeof schema>;

export class StackOutputsError extends Error {
  override name = 'StackOutputsError';
}

/**
 * Reads `file` and checks the outputs of stack `stackName` in it. With `expectedRegion` (the
 * operator file's `aws.region`), a stack deployed to another region is refused too: the Worker
 * would otherwise be pointed at a table that is not the one configured.
 */
export function readStackOutputs(
  file: string,
  stackName: string,
  expectedRegion?: string,
): StackOutputs {
  const name = basename(file);
  function stop(problem: string): never {
    throw new StackOutputsError(`${name}: ${problem}; run \`${OUTPUTS_COMMAND}\` to write it`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    stop(`${file} is missing`);
  }
  let all: unknown;
  try {
    all = JSON.parse(text);
  } catch (error) {
    stop(`not JSON (${(error as Error).message})`);
  }
  const stack = (all as Record<string, unknown> | null)?.[stackName];
  if (typeof stack !== 'object' || stack === null) {
    const stacks = all && typeof all === 'object' ? Object.keys(all) : [];
    stop(
      `has no outputs of stack ${stackName} (aws.stackName)` +
        (stacks.length ? `, only of ${stacks.join(', ')}` : ''),
    );
  }
  const parsed = schema.safeParse(stack);
  if (!parsed.success) {
    stop(`stack ${stackName}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const outputs = parsed.data;
  if (expectedRegion && outputs.Region !== expectedRegion) {
    throw new StackOutputsError(
      `${name}: stack ${stackName} is in ${outputs.Region}, but aws.region is ${expectedRegion}; deploy it from the region the operator file names (or correct aws.region), then run \`${OUTPUTS_COMMAND}\``,
    );
  }
  if (outputs.BuilderUrl !== `https://lambda.${outputs.Region}.amazonaws.com`) {
    stop(`stack ${stackName}: output BuilderUrl ${outputs.BuilderUrl} is not in ${outputs.Region}`);
  }
  return outputs;
}
