/**
 * A site name as a form field: the posted text trimmed, lower-cased and
 * checked by the rules in `core/site-address.ts`, each broken rule with its
 * own message. Also turns a handle into name suggestions (`alice.test` →
 * `alice`, `alice-2`, …).
 */
import { z } from 'zod';
import { NAME_MAX, NAME_MIN, nameProblem, reservedNames } from '../site-address';

/** A posted site name: trimmed and lower-cased (addresses ignore case), then checked. */
export const siteNameSchema = z
  .string({ required_error: 'Choose a name for your site.' })
  .trim()
  .toLowerCase()
  .superRefine((name, ctx) => {
    const problem = nameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Text turned into the shape of a name: a–z, digits, single hyphens, at most 30 characters. */
function nameShaped(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, NAME_MAX)
    .replace(/-+$/, '');
}

/**
 * Names to suggest, best first, from a handle's first label or from a name
 * already tried: `alice.test` → `alice`, `alice-2` … `alice-<count>`. Too
 * short or reserved bases get `-site` added, so every candidate is valid.
 */
export function nameCandidates(handleOrName: string, count = 10): string[] {
  let base = nameShaped(handleOrName.split('.')[0] ?? '');
  if (!base) base = 'my-site';
  if (base.length < NAME_MIN || reservedNames.has(base)) base = `${base}-site`;
  const candidates = [base];
  for (let n = 2; candidates.length < count; n++) {
    const suffix = `-${n}`;
    candidates.push(`${base.slice(0, NAME_MAX - suffix.length).replace(/-+$/, '')}${suffix}`);
  }
  return candidates.filter((name) => !nameProblem(name));
}
