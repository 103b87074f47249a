/**
 * The security headers every published site is served with, in one place: the distribution's
 * response-headers policy (`infra/constructs/site-headers-policy.ts`) and the local site host
 * (`hosting/local-host.ts`) both send these, so a site behaves on a laptop as it does in
 * production. Import-free, so the site host can take it as it takes the address rules.
 *
 * The policy fits what the templates emit and nothing more: no script at all, the small CSS
 * inlined in a `<style>` element (its hash changes with each site's colours and font, so it is
 * allowed as inline style rather than by hash), pictures from the site itself or any web
 * address a neighbor linked, and no forms, frames, plugins or fonts.
 */

/** The Content-Security-Policy directives, in the order they are sent. */
export const SITE_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  // Pictures are passive; a neighbor may link one over http (Markdown allows it), which a
  // browser upgrades on an https page and shows as it is on the local http host.
  'img-src': ["'self'", 'https:', 'http:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The Content-Security-Policy header's value. */
export const SITE_CSP = Object.entries(SITE_CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** Two years, the length the HSTS preload list asks for. */
export const SITE_HSTS_MAX_AGE_SECONDS = 63_072_000;

/**
 * Strict-Transport-Security. `includeSubDomains` is right: nothing below a site's own address
 * (`x.alice.oak.example`) is served at all, over http or otherwise. Not `preload`: that is a
 * promise about the whole domain only its owner can make.
 */
export const SITE_HSTS = `max-age=${SITE_HSTS_MAX_AGE_SECONDS}; includeSubDomains`;

export const SITE_REFERRER_POLICY = 'strict-origin-when-cross-origin';
export const SITE_FRAME_OPTIONS = 'DENY';

/**
 * The headers every answer of the site host carries besides HSTS, which only means something
 * over https (browsers ignore it over plain http, RFC 6797 section 8.1).
 */
export const SITE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': SITE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': SITE_REFERRER_POLICY,
  'x-frame-options': SITE_FRAME_OPTIONS,
};
