/**
 * The builder's reads and writes of a site's deploy records
 * (`core/records/deploys.ts`), through the SDK client. Every read is
 * strongly consistent, because each decision (is this build still the
 * one holding the lock? has that one been pruned?) must see the last
 * write. Every change of a record is conditional on the `version` it was
 * read at, so two writers (this builder and the edge marking an overdue
 * build failed) can never both think they won.
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue as SdkAttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  DEPLOY_PREFIX,
  deployKey,
  deployRecord,
  toDeploy,
  type Deploy,
} from '../../core/records/deploys';
import {
  marshal,
  marshalItem,
  unmarshalItem,
  type AttributeValue,
} from '../../core/records/marshal';
import { sitePartition } from '../../core/records/sites';
import type { BuilderServices } from '../handler';

type SdkItem = Record<string, SdkAttributeValue>;
type Db = Pick<BuilderServices, 'dynamo' | 'config'>;

/** Our plain values as the SDK's attribute values (the subset nbhd stores). */
export const sdkItem = (item: Record<string, unknown>) => marshalItem(item) as SdkItem;
export const sdkValue = (value: unknown) => marshal(value) as SdkAttributeValue;
export const plainItem = (item: SdkItem) => unmarshalItem(item as Record<string, AttributeValue>);

/** True when `error` is DynamoDB refusing a write whose condition did not hold. */
export const conditionFailed = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof Error && error.name === 'ConditionalCheckFailedException');

/** One record by key, strongly consistent; undefined when there is none. */
export async function getRecord(
  { dynamo, config }: Db,
  key: { pk: string; sk: string },
): Promise<Record<string, unknown> | undefined> {
  const out = await dynamo.send(
    new GetItemCommand({ TableName: config.table, Key: sdkItem(key), ConsistentRead: true }),
  );
  return out.Item ? plainItem(out.Item) : undefined;
}

export async function getDeploy(db: Db, site: string, id: string): Promise<Deploy | undefined> {
  return toDeploy(await getRecord(db, deployKey(site, id)));
}

/** Writes a new history record; its id must be new. */
export async function putNewDeploy({ dynamo, config }: Db, deploy: Deploy): Promise<void> {
  await dynamo.send(
    new PutItemCommand({
      TableName: config.table,
      Item: sdkItem(deployRecord(deploy)),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * Every deploy record of `site`, oldest first (ids sort by time). With
 * `attributes`, only those (and the keys) are read: a long history's
 * manifests add up to more than pruning needs to read on every publish.
 */
export async function listDeploys(
  { dynamo, config }: Db,
  site: string,
  attributes?: readonly (keyof Deploy)[],
): Promise<Deploy[]> {
  const names = attributes && ['pk', 'sk', ...attributes];
  const deploys: Deploy[] = [];
  let start: SdkItem | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: config.table,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: Object.fromEntries(
          (names ?? ['pk', 'sk']).map((n) => [`#${n}`, n]),
        ),
        ExpressionAttributeValues: {
          ':pk': { S: sitePartition(site) },
          ':prefix': { S: DEPLOY_PREFIX },
        },
        ...(names && { ProjectionExpression: names.map((n) => `#${n}`).join(', ') }),
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      const deploy = toDeploy(plainItem(item));
      if (deploy) deploys.push(deploy);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return deploys;
}

export interface SaveOptions {
  /** Only while the record is still queued or in a stage (not yet live or failed). */
  whileRunning?: boolean;
}

/**
 * Writes the fields of `next` that differ from `before`, if the record is
 * still at `before.version` (and, with `whileRunning`, still running).
 * Returns the record as written, with its new version, or undefined when
 * the condition failed: someone else changed it first.
 */
export async function saveDeploy(
  { dynamo, config }: Db,
  before: Deploy,
  next: Deploy,
  { whileRunning = false }: SaveOptions = {},
): Promise<Deploy | undefined> {
  const saved: Deploy = { ...next, version: before.version + 1 };
  const names: Record<string, string> = { '#version': 'version' };
  const values: SdkItem = {
    ':version': sdkValue(before.version),
    ':next': sdkValue(saved.version),
  };
  const sets = ['#version = :next'];
  const removes: string[] = [];
  const fields = new Set([...Object.keys(before), ...Object.keys(saved)]);
  let n = 0;
  for (const field of fields) {
    if (field === 'version' || field === 'id' || field === 'site') continue;
    const was = (before as unknown as Record<string, unknown>)[field];
    const now = (saved as unknown as Record<string, unknown>)[field];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    names[`#f${n}`] = field;
    if (now === undefined) removes.push(`#f${n}`);
    else {
      values[`:f${n}`] = sdkValue(now);
      sets.push(`#f${n} = :f${n}`);
    }
    n++;
  }
  let condition = '#version = :version';
  if (whileRunning) {
    condition += ' AND #state <> :live AND #state <> :failed';
    names['#state'] = 'state';
    values[':live'] = { S: 'live' };
    values[':failed'] = { S: 'failed' };
  }
  try {
    await dynamo.send(
      new UpdateItemCommand({
        TableName: config.table,
        Key: sdkItem(deployKey(before.site, before.id)),
        UpdateExpression:
          `SET ${sets.join(', ')}` + (removes.length ? ` REMOVE ${removes.join(', ')}` : ''),
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return saved;
  } catch (error) {
    if (conditionFailed(error)) return undefined;
    throw error;
  }
}
