/**
 * The rules for a site's name, which becomes its subdomain
 * (`alice.oak.example`): 3–30 characters of a–z, 0–9 and single hyphens,
 * starting and ending with a letter or digit, and not one of the names the
 * neighborhood keeps for itself. Each broken rule has its own message, so a
 * neighbor knows exactly what to change. Also turns a handle into name
 * suggestions (`alice.test` → `alice`, `alice-2`, …).
 */
import { z } from 'zod';

export const NAME_MIN = 3;
export const NAME_MAX = 30;

/**
 * Names no member may take. What a neighborhood's domain must keep:
 * - the web and the app itself: www, app, api, admin, auth, login, oauth,
 *   static, assets, cdn, status, and the words our own addresses use;
 * - mail and DNS conventions: mail, smtp, imap, pop, mx, ns1…, autoconfig,
 *   and the role names RFC 2142 reserves (postmaster, abuse, …);
 * - names that would pass for the neighborhood speaking: help, support,
 *   security, official, neighborhood.
 * Everyday words a neighbor may well want ("blog", "news", "garden",
 * "events") are deliberately *not* reserved: a site is its owner's voice,
 * and the neighborhood's own pages live on the main domain, not on
 * subdomains.
 */
export const reservedNames: ReadonlySet<string> = new Set([
  // The web and this app.
  'www',
  'www1',
  'www2',
  'app',
  'api',
  'admin',
  'administrator',
  'root',
  'auth',
  'login',
  'logout',
  'signin',
  'signup',
  'register',
  'oauth',
  'sso',
  'account',
  'accounts',
  'static',
  'assets',
  'cdn',
  'media',
  'files',
  'img',
  'images',
  'status',
  'dashboard',
  'preview',
  'sites',
  'site',
  'new',
  'templates',
  'members',
  'nbhd',
  'localhost',
  'dev',
  'staging',
  'test',
  // Mail and DNS.
  'mail',
  'email',
  'webmail',
  'smtp',
  'imap',
  'pop',
  'pop3',
  'ns1',
  'ns2',
  'ns3',
  'ns4',
  'dns',
  'ftp',
  'sftp',
  'autoconfig',
  'autodiscover',
  'wpad',
  'isatap',
  'postmaster',
  'hostmaster',
  'webmaster',
  'abuse',
  'noc',
  'noreply',
  'no-reply',
  // Would pass for the neighborhood itself.
  'help',
  'support',
  'security',
  'official',
  'neighborhood',
  'neighbourhood',
]);

/**
 * What is wrong with `name` (already trimmed and lower-cased), or undefined
 * when it is a name a member may claim. One message: the first rule broken.
 */
export function nameProblem(name: string): string | undefined {
  if (!name) return 'Choose a name for your site.';
  if (!/^[a-z0-9-]+$/.test(name)) {
    return 'Use only the letters a to z, digits and hyphens: no spaces, dots or accents.';
  }
  if (name.length < NAME_MIN) return `Use at least ${NAME_MIN} characters.`;
  if (name.length > NAME_MAX) return `Use at most ${NAME_MAX} characters.`;
  if (name.startsWith('-') || name.endsWith('-')) {
    return 'Start and end with a letter or digit, not a hyphen.';
  }
  // `xn--` and the like mean an internationalised (punycode) name in DNS.
  if (name.includes('--')) return 'Use single hyphens: two in a row have a special meaning.';
  if (reservedNames.has(name)) {
    return `“${name}” is kept for the neighborhood’s own use. Choose another name.`;
  }
  return undefined;
}

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
