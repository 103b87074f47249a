/**
 * The neighborhood's "No site here" page as a file in the sites' bucket, for the
 * distribution's custom error response. CloudFront fetches a custom error page without running
 * the viewer-request function, straight from the origin at the page's path, so the page must
 * be an object of its own, outside `sites/`, where no viewer request can reach it (the
 * function rewrites every one into `sites/`).
 *
 * One `PutObject` through a custom resource, rather than a `BucketDeployment`: no copy of the
 * AWS CLI in the stack, no asset bucket to read, and no prune that could delete more than this
 * one key; the custom resource may put and delete exactly this key and nothing else. A change
 * to the page (a new front page address) updates the resource, which puts the page again.
 */
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
  type AwsSdkCall,
} from 'aws-cdk-lib/custom-resources';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { NOT_FOUND_PAGE_KEY } from './site-storage';

/** A few minutes: a changed page reaches visitors soon, and misses stay cheap. */
export const ERROR_PAGE_CACHE_CONTROL = 'public, max-age=300';

export interface SiteErrorPageProps {
  readonly bucket: IBucket;
  /** The page's HTML (`buildNotFoundPage`). */
  readonly html: string;
}

export class SiteErrorPage extends Construct {
  /** The path CloudFront asks the origin for. */
  readonly path = `/${NOT_FOUND_PAGE_KEY}`;

  constructor(scope: Construct, id: string, props: SiteErrorPageProps) {
    super(scope, id);
    const target = { Bucket: props.bucket.bucketName, Key: NOT_FOUND_PAGE_KEY };
    const put: AwsSdkCall = {
      service: 'S3',
      action: 'putObject',
      parameters: {
        ...target,
        Body: props.html,
        ContentType: 'text/html; charset=utf-8',
        CacheControl: ERROR_PAGE_CACHE_CONTROL,
      },
      physicalResourceId: PhysicalResourceId.of(NOT_FOUND_PAGE_KEY),
    };
    new AwsCustomResource(this, 'Put', {
      onCreate: put,
      onUpdate: put,
      onDelete: { service: 'S3', action: 'deleteObject', parameters: target },
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ['s3:PutObject', 's3:DeleteObject'],
          resources: [props.bucket.arnForObjects(NOT_FOUND_PAGE_KEY)],
        }),
      ]),
    });
  }
}
