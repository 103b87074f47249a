/**
 * The neighborhood's "No site here" page, written once: the viewer-request function answers it
 * for an address no published site has, and the distribution answers it (from the sites'
 * bucket, `NOT_FOUND_PAGE_KEY` in `infra/constructs/site-storage.ts`) for a file a published
 * site lacks, since CloudFront runs no viewer-request function when it fetches a custom error
 * page. `scripts/build-site-function.mjs` builds both from here.
 *
 * Its look is a `<style>` element, not a `style` attribute: the sites' CSP
 * (`core/site-headers.ts`) allows the sites' own inlined `<style>`, which then covers this page
 * too.
 */

/** The neighborhood's front page, HTML-escaped for an attribute, written in when built. */
declare const __HOME_URL__: string;

export const NOT_FOUND_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width,initial-scale=1">' +
  '<title>No site here</title>' +
  '<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}</style>' +
  '<h1>No site here</h1><p>Nobody in the neighborhood has published a site at this address, ' +
  'or it is not published right now.</p><p>Check the address, or come back later.</p>' +
  '<p><a href="' +
  __HOME_URL__ +
  '">Go to the neighborhood’s front page</a></p></html>';
