/**
 * How the sites' distribution caches and what it adds to every answer. The cache key is the
 * URI alone: no Host (the viewer function has already written the site and its deploy into
 * the URI, so each deploy has keys of its own and nothing needs invalidating), no cookies, no
 * query strings (static files ignore them), with gzip and brotli variants. Lifetimes are the
 * origin's own `Cache-Control` (the builder sets a minute for pages, a year for fingerprinted
 * files), within bounds. The security headers are `core/site-headers.ts`, the same ones the
 * local site host sends, overriding whatever the origin says.
 */
import { Duration } from 'aws-cdk-lib';
import {
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import {
  SITE_CSP,
  SITE_FRAME_OPTIONS,
  SITE_HSTS_MAX_AGE_SECONDS,
  SITE_REFERRER_POLICY,
} from '../../core/site-headers';

/** How long an object without `Cache-Control` is kept: as long as a page. */
export const SITE_DEFAULT_TTL = Duration.minutes(1);
/** The longest any object is kept: a fingerprinted file's year. */
export const SITE_MAX_TTL = Duration.days(365);

export function siteCachePolicy(scope: Construct, id: string): CachePolicy {
  return new CachePolicy(scope, id, {
    comment: 'Sites: the URI alone (it names the site and its deploy); the origin’s lifetimes',
    headerBehavior: CacheHeaderBehavior.none(),
    cookieBehavior: CacheCookieBehavior.none(),
    queryStringBehavior: CacheQueryStringBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
    minTtl: Duration.seconds(0),
    defaultTtl: SITE_DEFAULT_TTL,
    maxTtl: SITE_MAX_TTL,
  });
}

/** `value` as a member of `options`, or a failed synth naming it. */
function member<T extends string>(options: Record<string, T>, value: string, what: string): T {
  const found = Object.values(options).find((option) => option === value);
  if (!found) throw new Error(`CloudFront has no ${what} ${value}`);
  return found;
}

export function siteHeadersPolicy(scope: Construct, id: string): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    comment: 'Sites: the security headers of core/site-headers.ts',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: SITE_CSP, override: true },
      contentTypeOptions: { override: true },
      frameOptions: {
        frameOption: member(HeadersFrameOption, SITE_FRAME_OPTIONS, 'frame option'),
        override: true,
      },
      referrerPolicy: {
        referrerPolicy: member(HeadersReferrerPolicy, SITE_REFERRER_POLICY, 'referrer policy'),
        override: true,
      },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(SITE_HSTS_MAX_AGE_SECONDS),
        includeSubdomains: true,
        override: true,
      },
    },
  });
}
