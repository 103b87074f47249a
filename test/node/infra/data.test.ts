/**
 * The neighborhood table as CloudFormation: built from `core/records/table.ts` and kept safe
 * (retained, point-in-time recovery, a pinned logical ID), as are the sites' bucket and the
 * KeyValueStore of live pointers, whose logical IDs are pinned too: a refactor that renamed
 * them would make CloudFormation replace them, and with them every published site.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, table } from '../../../core/records/table';
import { onlyLogicalId, synth } from './support';

let template: Template;

beforeAll(async () => {
  template = (await synth()).main;
});

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
    expect(onlyLogicalId(template, 'AWS::DynamoDB::Table')).toBe('DataTableFDBAD0F2');
  });
});

describe('the stateful resources', () => {
  it('keep their logical IDs, so a refactor cannot replace the sites’ bucket or pointers', () => {
    expect(onlyLogicalId(template, 'AWS::S3::Bucket')).toBe('SiteStorageBucketDD7EDA34');
    expect(onlyLogicalId(template, 'AWS::CloudFront::KeyValueStore')).toBe(
      'SiteStorageLivePointers930BC29B',
    );
  });
});
