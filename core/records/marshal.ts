/**
 * Conversion between plain JavaScript values and DynamoDB's typed attribute
 * values. The edge talks to DynamoDB's JSON API directly (no SDK), so this is
 * the small subset of types nbhd stores: strings, numbers, booleans, null,
 * lists and maps.
 */

export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> };

export type Item = Record<string, unknown>;

/** Turns one value into its DynamoDB form. `undefined` fields are dropped by `marshalItem`. */
export function marshal(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot store ${value}`);
      return { N: String(value) };
    case 'boolean':
      return { BOOL: value };
    case 'object':
      if (Array.isArray(value)) return { L: value.map(marshal) };
      return { M: marshalItem(value as Item) };
    default:
      throw new TypeError(`cannot store a ${typeof value}`);
  }
}

// The loops below walk keys with `for…in` over plain objects (own keys only, as
// JSON and object literals make them) rather than `Object.entries`: every page
// converts hundreds of attributes, and a pair array for each is garbage the
// Worker's collector must sweep.

export function marshalItem(item: Item): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const key in item) {
    const value = item[key];
    if (value !== undefined && Object.hasOwn(item, key)) out[key] = marshal(value);
  }
  return out;
}

export function unmarshal(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('L' in value) return value.L.map(unmarshal);
  if ('M' in value) return unmarshalItem(value.M);
  throw new TypeError(`unsupported attribute type ${Object.keys(value).join()}`);
}

export function unmarshalItem(item: Record<string, AttributeValue>): Item {
  const out: Item = {};
  for (const key in item) if (Object.hasOwn(item, key)) out[key] = unmarshal(item[key]!);
  return out;
}
