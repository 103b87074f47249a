/**
 * The sites' hosting as CloudFormation: the bucket is reachable only by this distribution
 * through Origin Access Control, and only under `sites/` and the error page; the viewer
 * function is the repository's own source built for the configured domain, on viewer request,
 * with the live pointers associated; the distribution serves the alias over HTTP/2 and 3,
 * compressed, from a cache keyed without Host, with the security headers of the core module
 * and the neighborhood's not-found page for a missing file.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SITE_CSP,
  SITE_FRAME_OPTIONS,
  SITE_HSTS_MAX_AGE_SECONDS,
  SITE_REFERRER_POLICY,
} from '../../../core/site-headers';
import { NOT_FOUND_PAGE_KEY } from '../../../infra/constructs/site-storage';
import { onlyLogicalId, synth, type Statement, type Synthesized } from './support';

let built: Synthesized;
let template: Template;
let ids: { bucket: string; kvs: string; distribution: string; fn: string };

beforeAll(async () => {
  built = await synth();
  template = built.main;
  ids = {
    bucket: onlyLogicalId(template, 'AWS::S3::Bucket'),
    kvs: onlyLogicalId(template, 'AWS::CloudFront::KeyValueStore'),
    distribution: onlyLogicalId(template, 'AWS::CloudFront::Distribution'),
    fn: onlyLogicalId(template, 'AWS::CloudFront::Function'),
  };
});

const config = () =>
  template.findResources('AWS::CloudFront::Distribution')[ids.distribution]!.Properties
    .DistributionConfig;

const bucketArn = () => ({ 'Fn::GetAtt': [ids.bucket, 'Arn'] });
const objects = (key: string) => ({ 'Fn::Join': ['', [bucketArn(), `/${key}`]] });

function bucketStatements(): Statement[] {
  const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
  expect(policies).toHaveLength(1);
  expect(policies[0]!.Properties.Bucket).toEqual({ Ref: ids.bucket });
  return policies[0]!.Properties.PolicyDocument.Statement as Statement[];
}

describe('the sites’ bucket behind the distribution', () => {
  it('lets only this distribution read, only under sites/ and the error page, and list', () => {
    const allows = bucketStatements().filter((s) => s.Effect === 'Allow');
    const onlyThisDistribution = {
      StringEquals: {
        'AWS:SourceArn': {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':cloudfront::',
              { Ref: 'AWS::AccountId' },
              ':distribution/',
              { Ref: ids.distribution },
            ],
          ],
        },
      },
    };
    const cloudfront = { Service: 'cloudfront.amazonaws.com' };
    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Principal: cloudfront,
        Action: 's3:GetObject',
        Resource: [objects('sites/*'), objects(NOT_FOUND_PAGE_KEY)],
        Condition: onlyThisDistribution,
      },
      {
        Effect: 'Allow',
        Principal: cloudfront,
        Action: 's3:ListBucket',
        Resource: bucketArn(),
        Condition: onlyThisDistribution,
      },
    ]);
    const reach = JSON.stringify(allows);
    expect(reach).not.toContain('exports/');
    // Members' original pictures (with their EXIF and GPS) are never served: only the
    // processed ones, under sites/<site>/_pictures/, which sites/* covers.
    expect(reach).not.toContain('originals/');
  });

  it('stays private: every public access blocked, and reached through Origin Access Control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    const oac = onlyLogicalId(template, 'AWS::CloudFront::OriginAccessControl');
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const [origin, ...others] = config().Origins;
    expect(others).toEqual([]);
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [ids.bucket, 'RegionalDomainName'] });
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac, 'Id'] });
    // No legacy identity: with an OAI the bucket would trust a principal, not this distribution.
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
  });

  it('holds the neighborhood’s not-found page at the error page’s key, put there at deploy', () => {
    const puts = Object.values(template.findResources('Custom::AWS'));
    expect(puts).toHaveLength(1);
    const create = JSON.parse(puts[0]!.Properties.Create['Fn::Join'][1].join('')) as never;
    expect(create).toMatchObject({
      service: 'S3',
      action: 'putObject',
      parameters: { Key: NOT_FOUND_PAGE_KEY, Body: built.notFoundPage },
    });
    expect(built.notFoundPage).toContain('No site here');
    expect(built.notFoundPage).toContain('href="https://oak.example/"');
  });
});

describe('the viewer-request function', () => {
  it('is the repository’s function built for the configured domain, on cloudfront-js-2.0', () => {
    const fn = template.findResources('AWS::CloudFront::Function')[ids.fn]!;
    expect(fn.Properties.FunctionCode).toBe(built.siteFunction);
    expect(built.siteFunction).toContain('"sites.oak.example"');
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.Properties.AutoPublish).toBe(true);
  });

  it('reads the live pointers’ store', () => {
    const fn = template.findResources('AWS::CloudFront::Function')[ids.fn]!;
    expect(fn.Properties.FunctionConfig.KeyValueStoreAssociations).toEqual([
      { KeyValueStoreARN: { 'Fn::GetAtt': [ids.kvs, 'Arn'] } },
    ]);
  });

  it('runs on every viewer request of the one behaviour', () => {
    const behaviour = config().DefaultCacheBehavior;
    expect(behaviour.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [ids.fn, 'FunctionARN'] } },
    ]);
    expect(config().CacheBehaviors).toBeUndefined();
  });
});

describe('the distribution', () => {
  it('answers the sites’ alias with its certificate, over HTTP/2 and HTTP/3, IPv6 too', () => {
    expect(config().Aliases).toEqual(['*.sites.oak.example']);
    expect(config().HttpVersion).toBe('http2and3');
    expect(config().IPV6Enabled).toBe(true);
    expect(config().PriceClass).toBe('PriceClass_100');
    expect(config().ViewerCertificate).toMatchObject({
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
  });

  it('compresses, redirects http to https, and serves only GET and HEAD', () => {
    expect(config().DefaultCacheBehavior).toMatchObject({
      Compress: true,
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
    });
  });

  it('caches by the URI alone: no Host, cookies or query strings; gzip and brotli; origin’s lifetimes', () => {
    const policyId = onlyLogicalId(template, 'AWS::CloudFront::CachePolicy');
    expect(config().DefaultCacheBehavior.CachePolicyId).toEqual({ Ref: policyId });
    const policy = template.findResources('AWS::CloudFront::CachePolicy')[policyId]!.Properties
      .CachePolicyConfig;
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toEqual({
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'none' },
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
    });
    // The builder's max-age=60 and its year for fingerprinted files both fall inside.
    expect(policy.MinTTL).toBe(0);
    expect(policy.MaxTTL).toBeGreaterThanOrEqual(31_536_000);
    expect(config().DefaultCacheBehavior.OriginRequestPolicyId).toBeUndefined();
  });

  it('adds the security headers of core/site-headers.ts, the ones the local site host sends', () => {
    const policyId = onlyLogicalId(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(config().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    const headers = template.findResources('AWS::CloudFront::ResponseHeadersPolicy')[policyId]!
      .Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers).toEqual({
      ContentSecurityPolicy: { ContentSecurityPolicy: SITE_CSP, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: SITE_FRAME_OPTIONS, Override: true },
      ReferrerPolicy: { ReferrerPolicy: SITE_REFERRER_POLICY, Override: true },
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: SITE_HSTS_MAX_AGE_SECONDS,
        IncludeSubdomains: true,
        Override: true,
      },
    });
  });

  it('answers a missing file (404, or 403 should S3 say so) as 404 with the not-found page', () => {
    const page = `/${NOT_FOUND_PAGE_KEY}`;
    expect(config().CustomErrorResponses).toEqual([
      { ErrorCode: 404, ResponseCode: 404, ResponsePagePath: page, ErrorCachingMinTTL: 300 },
      { ErrorCode: 403, ResponseCode: 404, ResponsePagePath: page, ErrorCachingMinTTL: 300 },
    ]);
    // Reachable without the function (which CloudFront skips for error pages): the policy's key.
    expect(JSON.stringify(bucketStatements())).toContain(`/${NOT_FOUND_PAGE_KEY}`);
  });

  it('tells the operator its id and the CNAME target for the alias', () => {
    template.hasOutput('DistributionId', { Value: { Ref: ids.distribution } });
    template.hasOutput('DistributionDomainName', {
      Value: { 'Fn::GetAtt': [ids.distribution, 'DomainName'] },
      Description: Match.stringLikeRegexp('\\*\\.sites\\.oak\\.example'),
    });
  });
});
