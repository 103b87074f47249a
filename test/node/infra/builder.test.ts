/**
 * The CDK app as CloudFormation: the neighborhood table is built from `edge/db/table.ts` and
 * kept safe (retained, point-in-time recovery, a pinned logical ID); the builder Lambda runs
 * Eleventy with room to spare, at most ten at once, and may only read the neighborhood item and
 * the sites' partitions (never members, sessions or OAuth tokens); the Worker's IAM user may do only
 * the item and query actions the edge needs plus invoking the builder, with no access key in
 * the template. Also the command hook that lays out the builder's asset like the repository.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY_DEADLINE_MS } from '../../core/records/deploys';
import { createTableInput, table } from '../../core/records/table';
import { NbhdStack, type NbhdStackProps } from '../../infra/stacks/nbhd-stack';
import { root } from '../../scripts/local/edge';

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
const BUILDER_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];
/** The partitions the builder may read, by their keys' first letters. */
const BUILDER_PARTITIONS = {
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SITE#*', 'NEIGHBORHOOD'] },
};
/** What publishing writes, and only in the sites' partitions. */
const BUILDER_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
const SITE_PARTITIONS = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SITE#*'] } };
const WRITE = /^dynamodb:(Put|Update|Delete|BatchWrite|PartiQL|TransactWrite|CreateTable|\*)/;

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

let template: Template;

const synth = (props: Partial<NbhdStackProps> = {}) =>
  Template.fromStack(
    new NbhdStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Nbhd', {
      publicUrl: 'https://oak.example',
      sitesUrl: 'https://sites.oak.example',
      ...props,
    }),
  );

beforeAll(() => {
  template = synth();
});

function onlyLogicalId(type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

/** The statements of every inline policy attached to `{ Users: [...] }` or `{ Roles: [...] }`. */
function statementsFor(attachment: Record<string, unknown>): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', { Properties: attachment });
  return Object.values(policies).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
  );
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());
const edgeStatements = () => statementsFor({ Users: [{ Ref: onlyLogicalId('AWS::IAM::User') }] });
const builderStatements = () => statementsFor({ Roles: [{ Ref: builderRoleId() }] });

function builderId(): string {
  return onlyLogicalId('AWS::Lambda::Function');
}

function builderRoleId(): string {
  const fn = template.findResources('AWS::Lambda::Function')[builderId()]!;
  return fn.Properties.Role['Fn::GetAtt'][0] as string;
}

/** Every DynamoDB action the builder's source sends, by its SDK command (`new QueryCommand(…)`). */
function builderCalls(): string[] {
  const called = new Set<string>();
  for (const file of readdirSync(join(root, 'builder'), { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(file)) continue;
    const source = readFileSync(join(root, 'builder', file), 'utf8');
    if (!source.includes('@aws-sdk/client-dynamodb')) continue;
    for (const [, op] of source.matchAll(/new (\w+)Command\(/g)) called.add(`dynamodb:${op}`);
  }
  return [...called];
}

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

describe('the neighborhood table', () => {
  it('is the one table, with the keys and indexes edge/db/table.ts defines', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const local = createTableInput('local');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: local.KeySchema,
      AttributeDefinitions: Match.arrayEquals(local.AttributeDefinitions),
      GlobalSecondaryIndexes: Match.arrayEquals(local.GlobalSecondaryIndexes),
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(local.GlobalSecondaryIndexes.map((i) => i.IndexName)).toEqual(['byTime', 'byName']);
  });

  it('expires ephemeral items on the TTL attribute from edge/db/table.ts', () => {
    expect(table.timeToLiveAttribute).toBe('expiresAt');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
    });
  });

  it('keeps point-in-time recovery on', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('is retained when the stack is deleted or the table would be replaced', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('gets a generated name, not a physical one', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: Match.absent() });
  });

  it('keeps its logical ID, so a refactor cannot replace it', () => {
    expect(onlyLogicalId('AWS::DynamoDB::Table')).toBe('DataTableFDBAD0F2');
  });
});

describe('the builder Lambda', () => {
  it('runs the bundled handler on Node 22, arm64, with memory and time for a 200-post blog', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'builder/handler.handler',
      MemorySize: 1024,
      Timeout: 30,
    });
  });

  it('is configured with the table, the addresses, and the sites’ bucket and live pointers', () => {
    const fn = template.findResources('AWS::Lambda::Function')[builderId()]!;
    expect(fn.Properties.Environment.Variables).toEqual({
      DYNAMODB_TABLE: { Ref: onlyLogicalId('AWS::DynamoDB::Table') },
      SITES_URL: 'https://sites.oak.example',
      PUBLIC_URL: 'https://oak.example',
      SITES_BUCKET: { Ref: onlyLogicalId('AWS::S3::Bucket') },
      SITES_KVS_ARN: { 'Fn::GetAtt': [onlyLogicalId('AWS::CloudFront::KeyValueStore'), 'Arn'] },
    });
  });

  it('keeps the sites in a private bucket that outlives the stack, with exports expiring', () => {
    const bucket = template.findResources('AWS::S3::Bucket')[onlyLogicalId('AWS::S3::Bucket')]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      { Prefix: 'exports/', ExpirationInDays: 1, Status: 'Enabled' },
    ]);
    // TLS only: the bucket policy denies any request not made over it.
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      }),
    });
  });

  it('may write and delete sites’ files, write and read exports, and move live pointers, nothing more', () => {
    const bucketId = onlyLogicalId('AWS::S3::Bucket');
    const kvsId = onlyLogicalId('AWS::CloudFront::KeyValueStore');
    const objects = (prefix: string) => ({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${prefix}*`]],
    });
    const others = builderStatements().filter(
      (st) => !actionsOf([st]).every((a) => a.startsWith('dynamodb:')),
    );
    expect(others).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        Resource: objects('sites/'),
      },
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: objects('exports/') },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
        Condition: { StringLike: { 's3:prefix': ['sites/*'] } },
      },
      {
        Effect: 'Allow',
        Action: [
          'cloudfront-keyvaluestore:DescribeKeyValueStore',
          'cloudfront-keyvaluestore:GetKey',
          'cloudfront-keyvaluestore:PutKey',
          'cloudfront-keyvaluestore:DeleteKey',
        ],
        Resource: { 'Fn::GetAtt': [kvsId, 'Arn'] },
      },
    ]);
  });

  it('logs to a log group that forgets after two weeks', () => {
    const logsId = onlyLogicalId('AWS::Logs::LogGroup');
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: logsId } },
    });
  });

  it('may read the neighborhood item and the sites’ partitions, and write only the sites’', () => {
    const tableId = onlyLogicalId('AWS::DynamoDB::Table');
    const statements = builderStatements().filter((st) =>
      actionsOf([st]).every((a) => a.startsWith('dynamodb:')),
    );
    // Two statements: any other (a grantReadData, an index, a Scan) would widen what it reaches.
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: BUILDER_READ_ACTIONS,
        Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
        Condition: BUILDER_PARTITIONS,
      },
      {
        Effect: 'Allow',
        Action: BUILDER_WRITE_ACTIONS,
        Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
        Condition: SITE_PARTITIONS,
      },
    ]);
    expect(actionsOf(statements).filter((a) => WRITE.test(a))).toEqual(BUILDER_WRITE_ACTIONS);
  });

  it('is granted every DynamoDB call the builder makes', () => {
    const called = builderCalls();
    expect(called).toContain('dynamodb:Query');
    expect(called).toContain('dynamodb:UpdateItem');
    for (const action of called) {
      expect([...BUILDER_READ_ACTIONS, ...BUILDER_WRITE_ACTIONS]).toContain(action);
    }
  });

  it('never runs a publish event twice, nor after its build’s deadline', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: DEPLOY_DEADLINE_MS / 1000,
    });
  });

  it('runs at most ten at once, reserved for it, unless the operator chooses otherwise', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 10 });
    synth({ builderConcurrency: 25 }).hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 25,
    });
    synth({ builderConcurrency: 'unreserved' }).hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: Match.absent(),
    });
    expect(() => synth({ builderConcurrency: 0 })).toThrow(/whole number from 1/);
  });

  it('has only the basic logging policy besides that, no broader managed policy', () => {
    const role = template.findResources('AWS::IAM::Role')[builderRoleId()]!;
    expect(role.Properties.ManagedPolicyArns).toEqual([
      {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
          ],
        ],
      },
    ]);
    expect(role.Properties.Policies).toBeUndefined();
  });
});

describe('edge access for the Cloudflare Worker', () => {
  it('is an IAM user allowed exactly the edge actions, on the table and its indexes only', () => {
    const tableId = onlyLogicalId('AWS::DynamoDB::Table');
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

  it('grants nothing else: no Scan, no wildcards, no managed policies', () => {
    const actions = actionsOf(edgeStatements());
    expect([...actions].sort()).toEqual([...EDGE_ACTIONS, INVOKE].sort());
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
  it('tell the operator the table name, region and edge user name', () => {
    const tableId = onlyLogicalId('AWS::DynamoDB::Table');
    const userId = onlyLogicalId('AWS::IAM::User');
    template.hasOutput('TableName', { Value: { Ref: tableId }, Description: Match.anyValue() });
    template.hasOutput('Region', { Value: { Ref: 'AWS::Region' } });
    template.hasOutput('EdgeUserName', { Value: { Ref: userId } });
  });

  it("tell the operator the builder's function name and Lambda endpoint", () => {
    template.hasOutput('BuilderFunction', {
      Value: { Ref: builderId() },
      Description: Match.stringLikeRegexp('BUILDER_FUNCTION'),
    });
    template.hasOutput('BuilderUrl', {
      Value: {
        'Fn::Join': [
          '',
          ['https://lambda.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }],
        ],
      },
      Description: Match.stringLikeRegexp('BUILDER_URL'),
    });
  });
});

describe("the builder's asset layout", () => {
  const script = join(root, 'infra', 'bundling', 'arrange-builder-asset.mjs');

  it('mirrors the repository: the bundle at builder/handler.mjs, templates beside builder/', () => {
    const repo = mkdtempSync(join(tmpdir(), 'nbhd-repo-'));
    const site = join(repo, 'templates', 'blog', 'site');
    mkdirSync(join(site, '_includes', 'layouts'), { recursive: true });
    writeFileSync(join(repo, 'templates', 'blog', 'template.ts'), 'export {};');
    writeFileSync(join(repo, 'templates', 'index.ts'), 'export {};');
    writeFileSync(join(site, '_includes', 'layouts', 'base.njk'), '<main>{{ content }}</main>');
    writeFileSync(join(site, 'style.css'), 'body{}');
    writeFileSync(join(site, 'posts.11tydata.js'), 'export default {};');
    const asset = mkdtempSync(join(tmpdir(), 'nbhd-asset-'));
    writeFileSync(join(asset, 'index.mjs'), 'export const handler = () => 1;');

    execFileSync(process.execPath, [script, repo, asset]);

    expect(readFileSync(join(asset, 'builder', 'handler.mjs'), 'utf8')).toContain('handler');
    expect(existsSync(join(asset, 'index.mjs'))).toBe(false);
    const copied = readdirSync(join(asset, 'templates'), { recursive: true, encoding: 'utf8' });
    expect(copied.filter((f) => /\.\w+$/.test(f)).sort()).toEqual(
      [
        join('blog', 'site', '_includes', 'layouts', 'base.njk'),
        join('blog', 'site', 'posts.11tydata.js'),
        join('blog', 'site', 'style.css'),
      ].sort(),
    );
  });

  it('fails the bundling when there is no bundle to move', () => {
    const asset = mkdtempSync(join(tmpdir(), 'nbhd-asset-'));
    expect(() =>
      execFileSync(process.execPath, [script, root, asset], { stdio: 'pipe' }),
    ).toThrow();
  });
});
