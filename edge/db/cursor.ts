/**
 * Page cursors: DynamoDB's LastEvaluatedKey as an opaque base64url string
 * for links, and back. A cursor comes from the address bar, so decoding
 * accepts only a flat object with exactly the expected key names, each a
 * string; anything else decodes to nothing (the first page).
 */
import type { Item } from '../../core/records/marshal';

export function encodeCursor(key: Item): string {
  return btoa(JSON.stringify(key)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The key `cursor` holds, if it has exactly the attributes `names` (all strings). */
export function decodeCursor(
  cursor: string | undefined,
  names: readonly string[],
): Record<string, string> | undefined {
  if (!cursor || cursor.length > 1024) return undefined;
  try {
    const key = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))) as unknown;
    if (!key || typeof key !== 'object' || Array.isArray(key)) return undefined;
    const entries = Object.entries(key);
    const expected = new Set(names);
    const valid =
      entries.length === expected.size &&
      entries.every(([k, v]) => expected.has(k) && typeof v === 'string');
    return valid ? (key as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}
