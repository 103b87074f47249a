/**
 * A site's address: the rules for its name (which becomes its subdomain,
 * `alice.oak.example`), its public URL, and the reverse, the site a request's
 * `Host` header names. The edge, the builder, the local site host and the
 * CloudFront Function all use these, so they must stay plain ES2020 with no
 * imports at all: the viewer-request function (cloudfront-js-2.0) is built
 * from this file and may not import anything.
 *
 * A name is 3–30 characters of a–z, 0–9 and single hyphens, starting and
 * ending with a letter or digit, and not one the neighborhood keeps back.
 */

export const NAME_MIN = 3;
export const NAME_MAX = 30;

/** The shape of a claimed name (length and characters only; `nameProblem` says why one is refused). */
export const SITE_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,28}[a-z0-9]$/;

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

/** Whether `name` has the shape of a site name (cheap; a reserved name still passes). */
export function isSiteName(name: string): boolean {
  return SITE_NAME_PATTERN.test(name);
}

/** The site's public URL: `https://oak.example` and `alice` give `https://alice.oak.example`. */
export function siteUrl(sitesUrl: string, name: string): string {
  return sitesUrl.replace('://', `://${name}.`);
}

/**
 * The site a request's `Host` names, or undefined when it names none: with
 * `sitesHost` `oak.example`, `Alice.oak.example.` and `alice.oak.example:443`
 * give `alice`; `oak.example`, `a.b.oak.example` and `evil.example` give
 * nothing. Hosts compare without case, a trailing dot or a port.
 */
export function siteNameFromHost(host: string, sitesHost: string): string | undefined {
  const bare = (h: string) => h.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const h = bare(host);
  const suffix = `.${bare(sitesHost)}`;
  if (h.length <= suffix.length || h.slice(-suffix.length) !== suffix) return undefined;
  const name = h.slice(0, -suffix.length);
  return isSiteName(name) ? name : undefined;
}
