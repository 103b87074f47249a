/**
 * The one definition of nbhd's DynamoDB table: its key schema, indexes and
 * time-to-live attribute. The local bootstrap (`scripts/`) and the CDK data
 * construct (`infra/`) both build the table from this object, so the two
 * cannot drift apart.
 */

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** Epoch seconds after which DynamoDB may delete the item. Readers still check it. */
  readonly timeToLiveAttribute: string;
}

export const table: TableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
};

/** The body of a DynamoDB `CreateTable` request for this definition. */
export function createTableInput(tableName: string) {
  const { partitionKey, sortKey } = table;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
      { AttributeName: sortKey.name, AttributeType: sortKey.type },
    ],
    KeySchema: [
      { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
      { AttributeName: sortKey.name, KeyType: 'RANGE' as const },
    ],
  };
}
