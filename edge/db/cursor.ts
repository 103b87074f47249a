/**
 * Page cursors: DynamoDB's LastEvaluatedKey as an opaque base64url string
 * for links, and back. A cursor comes from the address bar, so decoding
 * accepts only a flat object of the expected key names with string values.
 */
import type { Item } from '../../core/records/marshal';

export function encodeCursor(key: Item): string {
  return btoa(JSON.stringify(key)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeCursor(
  cursor: string | undefined,
  allowed: string[],
): Record<string, string> | undefined {
  if (!cursor || cursor.length > 1024) return undefined;
  try {
    const key = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))) as unknown;
    if (!key || typeof key !== 'object' || Array.isArray(key)) return undefined;
    const entries = Object.entries(key);
    const valid = entries.every(([k, v]) => allowed.includes(k) && typeof v === 'string');
    return valid && entries.length > 0 ? (key as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}
