/**
 * The Worker's access as CloudFormation: an IAM user that may do only the item and query
 * actions the edge's code makes (a scan of the code's calls against its policy) plus invoking
 * the builder and the pictures' S3 writes and reads, with no access key in the template; and the outputs the operator reads.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../../scripts/local/edge';
import { actionsOf, builderProps, onlyLogicalId, statementsFor, synth } from './support';

const EDGE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];
const INVOKE = 'lambda:InvokeFunction';
const S3_ACTIONS = ['s3:GetObject', 's3:PutObject'];

let template: Template;

beforeAll(async () => {
  template = (await synth()).main;
});

const builderId = () => onlyLogicalId(template, 'AWS::Lambda::Function', builderProps);
const edgeStatements = () =>
  statementsFor(template, { Users: [{ Ref: onlyLogicalId(template, 'AWS::IAM::User') }] });

/** Every AWS action the edge's source asks for, by the API it speaks to. */
function edgeCalls(): string[] {
  const called = new Set<string>();
  for (const file of readdirSync(join(root, 'edge'), { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(file)) continue;
    const source = readFileSync(join(root, 'edge', file), 'utf8');
    // DynamoDB: the data layer's `client.call('GetItem', …)`.
    for (const [, op] of source.matchAll(/\.call(?:<[\s\S]*?>)?\(\s*'(\w+)'/g)) {
      called.add(`dynamodb:${op}`);
    }
    // Lambda's REST API, signed with aws4fetch: only `POST /2015-03-31/functions/<name>/invocations`
    // (Invoke) is known; any other Lambda path shows up as an action no policy grants.
    for (const [path] of source.matchAll(/\/20\d\d-\d\d-\d\d\/functions\/.*/g)) {
      called.add(
        /^\/2015-03-31\/functions\/.*\/invocations\b/.test(path) ? INVOKE : `lambda:${path}`,
      );
    }
  }
  return [...called];
}

describe('edge access for the Cloudflare Worker', () => {
  it('is an IAM user allowed exactly the edge actions, on the table and its indexes only', () => {
    const tableId = onlyLogicalId(template, 'AWS::DynamoDB::Table');
    const statements = edgeStatements().filter((s) =>
      [s.Action].flat()[0]?.startsWith('dynamodb:'),
    );
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement?.Effect).toBe('Allow');
    expect(statement?.Resource).toEqual([
      { 'Fn::GetAtt': [tableId, 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] },
    ]);
    expect([statement?.Action ?? []].flat().sort()).toEqual(EDGE_ACTIONS);
  });

  it('may invoke the builder, and no other function', () => {
    const fnId = builderId();
    const statements = edgeStatements().filter((s) => [s.Action].flat()[0]?.startsWith('lambda:'));
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: INVOKE,
        Resource: [
          { 'Fn::GetAtt': [fnId, 'Arn'] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [fnId, 'Arn'] }, ':*']] },
        ],
      },
    ]);
  });

  it('may write originals and read processed pictures in the sites’ bucket, nothing more', () => {
    const bucketId = onlyLogicalId(template, 'AWS::S3::Bucket');
    const objects = (pattern: string) => ({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${pattern}`]],
    });
    const statements = edgeStatements().filter((s) => [s.Action].flat()[0]?.startsWith('s3:'));
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: objects('originals/*') },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: objects('sites/*/_pictures/*') },
    ]);
  });

  it('grants nothing else: no Scan, no wildcards, no managed policies', () => {
    const actions = actionsOf(edgeStatements());
    expect([...actions].sort()).toEqual([...EDGE_ACTIONS, INVOKE, ...S3_ACTIONS].sort());
    expect(actions.some((a) => a.includes('*') || /scan/i.test(a))).toBe(false);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    const [user] = Object.values(template.findResources('AWS::IAM::User'));
    expect(user?.Properties?.ManagedPolicyArns).toBeUndefined();
    expect(user?.Properties?.Policies).toBeUndefined();
  });

  it('allows every DynamoDB operation and Lambda invocation the edge code makes', () => {
    const called = edgeCalls();
    expect(called.filter((a) => a.startsWith('dynamodb:')).length).toBeGreaterThanOrEqual(5);
    // The edge asks the builder for previews (edge/builder.ts).
    expect(called).toContain(INVOKE);
    const granted = actionsOf(edgeStatements());
    for (const action of called) expect(granted).toContain(action);
  });

  it('creates no access key, so no secret lands in CloudFormation', () => {
    template.resourceCountIs('AWS::IAM::AccessKey', 0);
  });
});

describe('stack outputs', () => {
  it('are the ones the configuration script and the operator read, each described', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Description?: string }>;
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'BuilderFunction',
        'BuilderUrl',
        'CertificateValidation', // the certificate is made here, with no Route 53 zone
        'DistributionDomainName',
        'DistributionId',
        'EdgeUserName',
        'Region',
        'SitesBucket',
        'SitesKvsArn',
        'TableName',
      ].sort(),
    );
    for (const [name, output] of Object.entries(outputs)) {
      expect(output.Description, name).toMatch(/\w{3,}/);
    }
  });

  it('tell the operator the table name, the region of the operator’s file and the edge user', () => {
    const tableId = onlyLogicalId(template, 'AWS::DynamoDB::Table');
    const userId = onlyLogicalId(template, 'AWS::IAM::User');
    template.hasOutput('TableName', { Value: { Ref: tableId }, Description: Match.anyValue() });
    template.hasOutput('Region', { Value: 'eu-west-1' });
    template.hasOutput('EdgeUserName', { Value: { Ref: userId } });
  });

  it("tell the operator the builder's function name and Lambda endpoint", () => {
    template.hasOutput('BuilderFunction', {
      Value: { Ref: builderId() },
      Description: Match.stringLikeRegexp('BUILDER_FUNCTION'),
    });
    template.hasOutput('BuilderUrl', {
      Value: {
        'Fn::Join': ['', ['https://lambda.eu-west-1.', { Ref: 'AWS::URLSuffix' }]],
      },
      Description: Match.stringLikeRegexp('BUILDER_URL'),
    });
  });
});
