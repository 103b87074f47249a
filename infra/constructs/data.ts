/**
 * The neighborhood's data: the single DynamoDB table that holds the neighborhood, its members,
 * sites, posts, deploys and sessions. Its keys and time-to-live attribute come from
 * `edge/db/table.ts`, the same definition the local stack uses, so production and a laptop
 * cannot drift apart. The table is retained when the stack is deleted or the resource replaced.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  type ITable,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { table as definition, type KeyAttribute } from '../../core/records/table';

const attributeTypes: Record<KeyAttribute['type'], AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
};

function key({ name, type }: KeyAttribute) {
  return { name, type: attributeTypes[type] };
}

export class NeighborhoodData extends Construct {
  readonly table: ITable;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const table = new Table(this, 'Table', {
      partitionKey: key(definition.partitionKey),
      sortKey: key(definition.sortKey),
      timeToLiveAttribute: definition.timeToLiveAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of definition.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }
    this.table = table;
  }
}
