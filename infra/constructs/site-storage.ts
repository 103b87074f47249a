/**
 * Where published sites live: a private bucket holding every deploy's files under
 * `sites/<name>/<deployId>/` (and members' export ZIPs under `exports/`), and the CloudFront
 * KeyValueStore that says which deploy of each site is live. The viewer function and the
 * distribution that serve them read both (`SiteHosting`); the builder writes both
 * (`grantBuilder`).
 *
 * The bucket is private (all public access blocked, TLS only, S3-managed encryption) and kept
 * when the stack is deleted, like the table: it holds what members published. An export is
 * downloaded within minutes of being made, so `exports/` expires after a day.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { KeyValueStore } from 'aws-cdk-lib/aws-cloudfront';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Where each kind of object lives in the bucket. */
export const SITES_PREFIX = 'sites/';
export const EXPORTS_PREFIX = 'exports/';
/** The neighborhood's "No site here" page, the distribution's error page (`SiteErrorPage`). */
export const NOT_FOUND_PAGE_KEY = 'errors/not-found.html';

/** Days an export ZIP is kept; its download link lasts ten minutes. */
export const EXPORT_DAYS = 1;

/** What the builder does to the live pointers (`builder/storage/live-pointer.ts`). */
export const BUILDER_KVS_ACTIONS = [
  'cloudfront-keyvaluestore:DescribeKeyValueStore',
  'cloudfront-keyvaluestore:GetKey',
  'cloudfront-keyvaluestore:PutKey',
  'cloudfront-keyvaluestore:DeleteKey',
] as const;

export class SiteStorage extends Construct {
  readonly bucket: Bucket;
  readonly pointers: KeyValueStore;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ prefix: EXPORTS_PREFIX, expiration: Duration.days(EXPORT_DAYS) }],
    });
    this.pointers = new KeyValueStore(this, 'LivePointers', {
      comment: 'Which deploy of each site is live (key: the site name)',
    });
  }

  /**
   * What the builder needs: deploys' files written, read (for exports), listed and deleted
   * under `sites/`; export ZIPs written and read (their signed links use its access) under
   * `exports/`; and the live pointers described, read, written and deleted.
   */
  grantBuilder(grantee: IGrantable): void {
    const { bucket } = this;
    Grant.addToPrincipal({
      grantee,
      actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
      resourceArns: [bucket.arnForObjects(`${SITES_PREFIX}*`)],
    });
    Grant.addToPrincipal({
      grantee,
      actions: ['s3:PutObject', 's3:GetObject'],
      resourceArns: [bucket.arnForObjects(`${EXPORTS_PREFIX}*`)],
    });
    Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket'],
      resourceArns: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${SITES_PREFIX}*`] } },
    });
    Grant.addToPrincipal({
      grantee,
      actions: [...BUILDER_KVS_ACTIONS],
      resourceArns: [this.pointers.keyValueStoreArn],
    });
  }
}
