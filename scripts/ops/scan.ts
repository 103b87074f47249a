/**
 * Reading the whole table: a parallel Scan, each segment paged until its
 * end, with strongly consistent reads so a write acknowledged before the
 * scan reached its key is seen. This is an operator's tool, run with the
 * operator's own credentials: the Worker's key may not Scan, and no page
 * of the app ever does.
 */
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StoredItem } from './backup-format';

export interface ScanReport {
  items: number;
  pages: number;
  /** Read capacity units the scan consumed (what it costs on demand). */
  capacity: number;
}

/** Calls `onPage` with every page of every segment of `table`; resolves when all are read. */
export async function scanTable(
  client: DynamoDBClient,
  table: string,
  onPage: (items: StoredItem[]) => void | Promise<void>,
  { segments = 4 } = {},
): Promise<ScanReport> {
  const report: ScanReport = { items: 0, pages: 0, capacity: 0 };
  const segment = async (n: number) => {
    let start: StoredItem | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: table,
          Segment: n,
          TotalSegments: segments,
          ConsistentRead: true,
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      const items = page.Items ?? [];
      report.items += items.length;
      report.pages++;
      report.capacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
      await onPage(items);
      start = page.LastEvaluatedKey;
    } while (start);
  };
  await Promise.all(Array.from({ length: segments }, (_, n) => segment(n)));
  return report;
}
