/**
 * Comparing secrets without leaking, through timing, how much of a guess
 * was right: every character is compared whatever the first difference.
 */

/** True when `a` and `b` are the same string; takes the same time wherever they differ. */
export function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
