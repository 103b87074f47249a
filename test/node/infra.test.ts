/**
 * The CDK app as CloudFormation: the neighborhood table is built from `edge/db/table.ts` and
 * kept safe (retained, point-in-time recovery, a pinned logical ID), and the Worker's IAM user
 * may do only the five item and query actions the edge needs, with no access key in the template.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, table } from '../../edge/db/table';
import { NbhdStack } from '../../infra/stacks/nbhd-stack';
import { root } from '../../scripts/local/edge';

const EDGE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let template: Template;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  template = Template.fromStack(new NbhdStack(app, 'Nbhd'));
});

function onlyLogicalId(type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

function allStatements(): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
  );
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

describe('edge access for the Cloudflare Worker', () => {
  it('is an IAM user allowed exactly the edge actions, on the table and its indexes only', () => {
    const tableId = onlyLogicalId('AWS::DynamoDB::Table');
    const userId = onlyLogicalId('AWS::IAM::User');
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Users: [{ Ref: userId }] },
    });
    const statements = Object.values(policies).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
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

  it('grants nothing else: no Scan, no wildcards, no managed policies', () => {
    const actions = allStatements().flatMap((s) => [s.Action].flat());
    expect([...actions].sort()).toEqual(EDGE_ACTIONS);
    expect(actions.some((a) => a.includes('*') || /scan/i.test(a))).toBe(false);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    const [user] = Object.values(template.findResources('AWS::IAM::User'));
    expect(user?.Properties?.ManagedPolicyArns).toBeUndefined();
    expect(user?.Properties?.Policies).toBeUndefined();
  });

  it('allows every DynamoDB operation the edge code calls', () => {
    const called = new Set<string>();
    for (const file of readdirSync(join(root, 'edge'), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(join(root, 'edge', file), 'utf8');
      for (const [, op] of source.matchAll(/\.call(?:<[\s\S]*?>)?\(\s*'(\w+)'/g)) called.add(op!);
    }
    expect(called.size).toBeGreaterThanOrEqual(5);
    const granted = allStatements().flatMap((s) => [s.Action].flat());
    for (const op of called) expect(granted).toContain(`dynamodb:${op}`);
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
});
