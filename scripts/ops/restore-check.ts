/**
 * Whether a table may take a backup. A restore goes into a fresh stack, so
 * it refuses a table holding anything the backup would not put there: an
 * item of another neighborhood, or one of this neighborhood changed since
 * (by the Worker, once it runs on the restored table). What it accepts is
 * an empty table, or one holding only items identical to the backup's,
 * left by an earlier run of the same restore; those are not written again,
 * so running a restore twice, or again after it was interrupted, ends the
 * same. Ephemeral items (`ephemeral.ts`: someone opened the sign-in page of
 * the new Worker) are not the neighborhood's and do not count.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { epochSeconds } from '../../core/records/time';
import { encodeItem, itemKey } from './backup-format';
import { leftOutKind } from './ephemeral';
import type { Backup } from './read-backup';
import { scanTable } from './scan';

export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export interface TableCheck {
  /** Keys of the backup's items the table already holds, unchanged. */
  present: Set<string>;
}

/** Items of another neighborhood named in the refusal, at most. */
const NAMED = 3;

/** Scans `table`; throws `RestoreRefused` unless it holds only (part of) `backup`. */
export async function checkTable(
  client: DynamoDBClient,
  table: string,
  backup: Backup,
  now = new Date(),
): Promise<TableCheck> {
  const present = new Set<string>();
  const foreign: string[] = [];
  let foreignCount = 0;
  await scanTable(client, table, (page) => {
    for (const item of page) {
      if (leftOutKind(item, epochSeconds(now))) continue;
      const key = itemKey(item);
      if (backup.items.get(key)?.line === encodeItem(item)) {
        present.add(key);
      } else {
        foreignCount++;
        if (foreign.length < NAMED) foreign.push(`${item.pk?.S} ${item.sk?.S}`);
      }
    }
  });
  if (foreignCount > 0) {
    throw new RestoreRefused(
      `The table ${table} already holds a neighborhood: ${foreignCount} items are not this backup's ` +
        `(${foreign.join('; ')}${foreignCount > foreign.length ? '; …' : ''}). Nothing was written.\n` +
        'Restore into a fresh stack: give aws.stackName a new name in nbhd.config.json, ' +
        '`cdk deploy` it, and run the restore against its outputs before anyone signs in there.',
    );
  }
  return { present };
}
