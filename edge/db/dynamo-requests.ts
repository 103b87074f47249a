/**
 * The shapes the DynamoDB client's helpers take and give: keys, write
 * conditions, query and page options, pages of items with their cursor,
 * how a condition becomes a request's expression parts, and how an
 * answer's body is read.
 */
import { marshal } from '../../core/records/marshal';
import type { IndexName } from '../../core/records/table';

export interface Key {
  pk: string;
  sk: string;
}

export interface PutOptions {
  /** A condition such as `attribute_not_exists(pk)`. */
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export interface QueryOptions {
  /** Only sort keys starting with this prefix. */
  prefix?: string;
  limit?: number;
  newestFirst?: boolean;
}

export interface PageOptions extends QueryOptions {
  index?: IndexName;
  cursor?: string;
  /** Only these attributes of each item (the keys are always included). */
  attributes?: readonly string[];
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  next?: string;
}

/** The condition and the attribute names and values its expressions use. */
export function conditionParts({ condition, names, values }: PutOptions) {
  return {
    ...(condition && { ConditionExpression: condition }),
    ...(names && { ExpressionAttributeNames: names }),
    ...(values && {
      ExpressionAttributeValues: Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, marshal(v)]),
      ),
    }),
  };
}

const utf8 = new TextDecoder();

/** A JSON object from a response body, or an empty one if the body is not JSON. */
export function parseJson(body: ArrayBuffer): Record<string, unknown> {
  try {
    return JSON.parse(utf8.decode(body)) as Record<string, unknown>;
  } catch {
    return {};
  }
}
