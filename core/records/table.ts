/**
 * The one definition of nbhd's DynamoDB table: its key schema, indexes and
 * time-to-live attribute. The local bootstrap (`scripts/`) and the CDK data
 * construct (`infra/`) both build the table from this object, so the two
 * cannot drift apart.
 *
 * Two global secondary indexes serve every list a page shows, so no page
 * ever scans: `byTime` (members by joining date, pending requests, removals,
 * invitations) and `byName` (the directory in alphabetical order).
 */

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly indexes: readonly IndexDefinition[];
  /** Epoch seconds after which DynamoDB may delete the item. Readers still check it. */
  readonly timeToLiveAttribute: string;
}

export const indexes = {
  byTime: {
    name: 'byTime',
    partitionKey: { name: 'gsi1pk', type: 'S' },
    sortKey: { name: 'gsi1sk', type: 'S' },
  },
  byName: {
    name: 'byName',
    partitionKey: { name: 'gsi2pk', type: 'S' },
    sortKey: { name: 'gsi2sk', type: 'S' },
  },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof indexes;

export const table: TableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: Object.values(indexes),
  timeToLiveAttribute: 'expiresAt',
};

/** The body of a DynamoDB `CreateTable` request for this definition. */
export function createTableInput(tableName: string) {
  const keys = [
    table.partitionKey,
    table.sortKey,
    ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const keySchema = (hash: KeyAttribute, range: KeyAttribute) => [
    { AttributeName: hash.name, KeyType: 'HASH' as const },
    { AttributeName: range.name, KeyType: 'RANGE' as const },
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    GlobalSecondaryIndexes: table.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
