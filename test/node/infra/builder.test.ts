/**
 * The builder Lambda as CloudFormation: it runs Eleventy with room to spare, at most ten at
 * once, may only read the neighborhood item and the sites' partitions (never members,
 * sessions or OAuth tokens) and write only the sites', and is granted exactly the AWS calls
 * its code makes (a scan of every SDK command in builder/ against its policy).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY_DEADLINE_MS } from '../../../core/records/deploys';
import { root } from '../../../scripts/local/edge';
import { actionsOf, builderProps, onlyLogicalId, statementsFor, synth } from './support';

const BUILDER_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];
/** The partitions the builder may read, by their keys' first letters. */
const BUILDER_PARTITIONS = {
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SITE#*', 'NEIGHBORHOOD'] },
};
/** What publishing writes, and only in the sites' partitions. */
const BUILDER_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
const SITE_PARTITIONS = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SITE#*'] } };
const WRITE = /^dynamodb:(Put|Update|Delete|BatchWrite|PartiQL|TransactWrite|CreateTable|\*)/;

let template: Template;

beforeAll(async () => {
  template = (await synth()).main;
});

const builderId = () => onlyLogicalId(template, 'AWS::Lambda::Function', builderProps);

function builderRoleId(): string {
  const fn = template.findResources('AWS::Lambda::Function')[builderId()]!;
  return fn.Properties.Role['Fn::GetAtt'][0] as string;
}

const builderStatements = () => statementsFor(template, { Roles: [{ Ref: builderRoleId() }] });

/** The IAM action each SDK command needs, where it is not the command's own name. */
const S3_ACTIONS: Record<string, string> = {
  ListObjectsV2: 's3:ListBucket',
  ListObjects: 's3:ListBucket',
  DeleteObjects: 's3:DeleteObject',
  HeadObject: 's3:GetObject',
};

/** The IAM service of each SDK client the builder uses. */
const SERVICES: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-cloudfront-keyvaluestore': 'cloudfront-keyvaluestore',
};

/**
 * Every AWS action the builder's source needs, by its SDK commands (`new QueryCommand(…)`,
 * a presigned `new GetObjectCommand(…)` too), each command traced to the client package it is
 * imported from. A command from a package not listed here fails the scan.
 */
function builderCalls(): string[] {
  const called = new Set<string>();
  for (const file of readdirSync(join(root, 'builder'), { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(file)) continue;
    const source = readFileSync(join(root, 'builder', file), 'utf8');
    const serviceOf = new Map<string, string>();
    for (const [, names, pkg] of source.matchAll(
      /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'([^']+)'/g,
    )) {
      for (const name of names!.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]!)) {
        if (name.endsWith('Command'))
          serviceOf.set(name, SERVICES[pkg!] ?? `unknown package ${pkg}`);
      }
    }
    for (const [, op] of source.matchAll(/new (\w+)Command\(/g)) {
      const service = serviceOf.get(`${op}Command`) ?? `unknown import of ${op}Command in ${file}`;
      called.add(service === 's3' ? (S3_ACTIONS[op!] ?? `s3:${op}`) : `${service}:${op}`);
    }
  }
  return [...called];
}

describe('the builder Lambda', () => {
  it('runs the bundled handler on Node 22, arm64, with memory and time for a 200-post blog', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'builder/handler.handler',
      MemorySize: 1769,
      // Ten of the largest pictures, processed one after the other.
      Timeout: 120,
    });
  });

  it('is configured with the table, the addresses, and the sites’ bucket and live pointers', () => {
    const fn = template.findResources('AWS::Lambda::Function')[builderId()]!;
    expect(fn.Properties.Environment.Variables).toEqual({
      DYNAMODB_TABLE: { Ref: onlyLogicalId(template, 'AWS::DynamoDB::Table') },
      SITES_URL: 'https://sites.oak.example',
      PUBLIC_URL: 'https://oak.example',
      SITES_BUCKET: { Ref: onlyLogicalId(template, 'AWS::S3::Bucket') },
      SITES_KVS_ARN: {
        'Fn::GetAtt': [onlyLogicalId(template, 'AWS::CloudFront::KeyValueStore'), 'Arn'],
      },
    });
  });

  it('keeps the sites in a private bucket that outlives the stack, with exports expiring', () => {
    const bucket =
      template.findResources('AWS::S3::Bucket')[onlyLogicalId(template, 'AWS::S3::Bucket')]!;
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

  it('may write and delete sites’ files, write and read exports, read and delete originals, and move live pointers, nothing more', () => {
    const bucketId = onlyLogicalId(template, 'AWS::S3::Bucket');
    const kvsId = onlyLogicalId(template, 'AWS::CloudFront::KeyValueStore');
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
      // Originals are the members' uploads: read to process and export, deleted with their
      // site, never written or overwritten by the builder.
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:DeleteObject'],
        Resource: objects('originals/'),
      },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
        Condition: { StringLike: { 's3:prefix': ['sites/*', 'originals/*'] } },
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
    const logsId = onlyLogicalId(template, 'AWS::Logs::LogGroup');
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: logsId } },
    });
  });

  it('may read the neighborhood item and the sites’ partitions, and write only the sites’', () => {
    const tableId = onlyLogicalId(template, 'AWS::DynamoDB::Table');
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

  it('is granted every DynamoDB, S3 and KeyValueStore call the builder makes', () => {
    const called = builderCalls();
    for (const action of [
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      's3:PutObject',
      's3:ListBucket',
      's3:DeleteObject',
      's3:GetObject', // the export's signed link, and reading a live deploy to pack it
      'cloudfront-keyvaluestore:PutKey',
      'cloudfront-keyvaluestore:DeleteKey',
    ]) {
      expect(called).toContain(action);
    }
    const granted = actionsOf(builderStatements());
    for (const action of called) expect(granted, action).toContain(action);
  });

  it('never runs a publish event twice, nor after its build’s deadline', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: DEPLOY_DEADLINE_MS / 1000,
    });
  });

  it('runs at most ten at once, reserved for it, unless the operator chooses otherwise', async () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      ...builderProps,
      ReservedConcurrentExecutions: 10,
    });
    (await synth({ builderConcurrency: 25 })).main.hasResourceProperties('AWS::Lambda::Function', {
      ...builderProps,
      ReservedConcurrentExecutions: 25,
    });
    (await synth({ builderConcurrency: 'unreserved' })).main.hasResourceProperties(
      'AWS::Lambda::Function',
      { ...builderProps, ReservedConcurrentExecutions: Match.absent() },
    );
    for (const wrong of [0, 1.5]) {
      await expect(synth({ builderConcurrency: wrong })).rejects.toThrow(
        /aws\.builderConcurrency must be a whole number from 1/,
      );
    }
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
