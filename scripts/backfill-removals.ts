/**
 * Run once after upgrading a neighborhood that removed people before
 * removal records existed: writes the missing record for every member item
 * whose status is `removed`. Those items are purged 30 days after the
 * removal, and with them the only trace of it, after which the person could
 * join again; the Worker writes a missing record only when such a person
 * next tries to join or deletes their account. Safe to run again: it never
 * rewrites a record that is there. It scans the table page by page, which
 * is fine for an operator's one-off command and never done by a page.
 *
 *   DYNAMODB_ENDPOINT=https://dynamodb.us-east-1.amazonaws.com DYNAMODB_TABLE=nbhd \
 *   AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… \
 *   npx tsx scripts/backfill-removals.ts
 */
import { pathToFileURL } from 'node:url';
import { unmarshalItem, type AttributeValue } from '../core/records/marshal';
import { removalKey } from '../core/records/removals';
import { Dynamo } from '../edge/db/dynamo';
import { backfillRemoval } from '../edge/db/removals';

/** Writes the missing removal records; returns the DIDs it wrote one for. */
export async function backfillRemovals(db: Dynamo): Promise<string[]> {
  const written: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await db.call<{
      Items: Record<string, AttributeValue>[];
      LastEvaluatedKey?: Record<string, AttributeValue>;
    }>('Scan', {
      TableName: db.table,
      FilterExpression: 'sk = :profile AND #status = :removed',
      ProjectionExpression: 'did',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':profile': { S: 'PROFILE' }, ':removed': { S: 'removed' } },
      ...(start && { ExclusiveStartKey: start }),
    });
    for (const { did } of page.Items.map(unmarshalItem)) {
      if (typeof did !== 'string' || (await db.get(removalKey(did)))) continue;
      if (await backfillRemoval(db, did)) written.push(did);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return written;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see the comment at the top of this script).`);
  return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const db = new Dynamo({
    endpoint: required('DYNAMODB_ENDPOINT'),
    table: required('DYNAMODB_TABLE'),
    region: required('AWS_REGION'),
    accessKeyId: required('AWS_ACCESS_KEY_ID'),
    secretAccessKey: required('AWS_SECRET_ACCESS_KEY'),
  });
  const written = await backfillRemovals(db);
  console.log(`Removal records written: ${written.length}`);
  for (const did of written) console.log(`  ${did}`);
}
