/**
 * Serving members' sites at `*.<sites domain>`: one CloudFront distribution in front of the
 * sites' bucket. Its viewer-request function, built from `hosting/viewer-request.ts` for this
 * neighborhood's domain, reads the site's live deploy from the KeyValueStore and rewrites the
 * URI into that deploy's prefix (or answers "No site here" itself).
 *
 * The bucket stays private: CloudFront reads it through Origin Access Control, and the bucket
 * policy lets this distribution only (its ARN as `AWS:SourceArn`) get objects under `sites/`
 * and the error page, never `exports/`, plus `s3:ListBucket`, without which S3 answers a
 * missing key with 403 rather than 404. A 404 from the origin (and a 403, should one ever
 * come) is answered as 404 with the neighborhood's "No site here" page: error responses are
 * one set per distribution, so a missing file of a published site gets the neighborhood's
 * page rather than the site's own 404.html (a per-site page would need Lambda@Edge on the
 * origin response; see `hosting/local-host.ts`).
 *
 * A wildcard certificate and alias cover one level only: `alice.oak.example`, never
 * `a.b.oak.example`, which is also all a site name can be.
 */
import { Duration } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  Distribution,
  Function as ViewerFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  PriceClass,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AaaaRecord, ARecord, RecordTarget, type IHostedZone } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { SiteErrorPage } from './site-error-page';
import { siteCachePolicy, siteHeadersPolicy } from './site-policies';
import { NOT_FOUND_PAGE_KEY, SITES_PREFIX, type SiteStorage } from './site-storage';

/** How long CloudFront keeps an origin's 404 (a deploy never changes, so a miss stays one). */
export const NOT_FOUND_TTL = Duration.minutes(5);

export interface SiteHostingProps {
  /** The bucket and live pointers the sites are served from. */
  readonly storage: SiteStorage;
  /** The viewer-request function's code (`buildSiteFunction(sitesHost, publicUrl)`). */
  readonly functionCode: string;
  /** The "No site here" page (`buildNotFoundPage(publicUrl)`), the same the function answers. */
  readonly notFoundPage: string;
  /** The distribution's alias, `*.<sites domain>`. */
  readonly alias: string;
  /** A certificate in us-east-1 covering the alias. */
  readonly certificate: ICertificate;
  /** When given, the alias's A and AAAA records are made in this Route 53 zone. */
  readonly zone?: IHostedZone;
  /** @default PriceClass.PRICE_CLASS_100 (North America and Europe: the cheapest) */
  readonly priceClass?: PriceClass;
}

export class SiteHosting extends Construct {
  /** The sites' distribution (for alarms on its error rate, and the DNS target). */
  readonly distribution: Distribution;
  readonly viewerFunction: ViewerFunction;

  constructor(scope: Construct, id: string, props: SiteHostingProps) {
    super(scope, id);
    const { bucket, pointers } = props.storage;
    this.viewerFunction = new ViewerFunction(this, 'ViewerRequest', {
      comment: 'Routes a site address to its live deploy',
      code: FunctionCode.fromInline(props.functionCode),
      runtime: FunctionRuntime.JS_2_0,
      keyValueStore: pointers,
    });
    const errorPage = new SiteErrorPage(this, 'NotFoundPage', {
      bucket,
      html: props.notFoundPage,
    });
    const accessControl = new S3OriginAccessControl(this, 'OriginAccess', {
      signing: Signing.SIGV4_ALWAYS,
    });
    // The origin's default grant would be GetObject on the whole bucket: the grants follow.
    const origin = S3BucketOrigin.withBucketDefaults(bucket, {
      originAccessControlId: accessControl.originAccessControlId,
    });
    const notFound = {
      responseHttpStatus: 404,
      responsePagePath: errorPage.path,
      ttl: NOT_FOUND_TTL,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Members' sites at ${props.alias}`,
      domainNames: [props.alias],
      certificate: props.certificate,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
        cachePolicy: siteCachePolicy(this, 'CachePolicy'),
        responseHeadersPolicy: siteHeadersPolicy(this, 'HeadersPolicy'),
        functionAssociations: [
          { function: this.viewerFunction, eventType: FunctionEventType.VIEWER_REQUEST },
        ],
      },
      errorResponses: [
        { httpStatus: 404, ...notFound },
        { httpStatus: 403, ...notFound },
      ],
    });
    const reader = {
      principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
      conditions: { StringEquals: { 'AWS:SourceArn': this.distribution.distributionArn } },
    };
    bucket.addToResourcePolicy(
      new PolicyStatement({
        ...reader,
        actions: ['s3:GetObject'],
        resources: [
          bucket.arnForObjects(`${SITES_PREFIX}*`),
          bucket.arnForObjects(NOT_FOUND_PAGE_KEY),
        ],
      }),
    );
    bucket.addToResourcePolicy(
      new PolicyStatement({ ...reader, actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
    );
    if (props.zone) {
      const target = RecordTarget.fromAlias(new CloudFrontTarget(this.distribution));
      // Absolute names: the zone may be the sites' domain or one above it.
      const recordName = `${props.alias}.`;
      new ARecord(this, 'AliasA', { zone: props.zone, recordName, target });
      new AaaaRecord(this, 'AliasAaaa', { zone: props.zone, recordName, target });
    }
  }
}
