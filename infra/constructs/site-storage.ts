/**
 * Where published sites live: a private bucket holding every deploy's files under
 * `sites/<name>/<deployId>/`, each site's processed pictures under `sites/<name>/_pictures/`,
 * the members' original pictures under `originals/<name>/` (and members' export ZIPs under
 * `exports/`), and the CloudFront KeyValueStore that says which deploy of each site is live.
 * The viewer function and the distribution that serve them read both (`SiteHosting`), never
 * `originals/`; the builder writes both (`grantBuilder`); the edge writes originals and reads
 * processed pictures (`grantEdge`).
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
/** Members' uploads as they sent them: private, read only by the builder. */
export const ORIGINALS_PREFIX = 'originals/';
/** Every site's processed pictures (`core/pictures.ts`'s `processedPictureKey`). */
export const PROCESSED_PICTURES = `${SITES_PREFIX}*/_pictures/*`;
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
   * `exports/`; originals read (to process and export them), listed and deleted (with their
   * site) under `originals/`; and the live pointers described, read, written and deleted.
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
      actions: ['s3:GetObject', 's3:DeleteObject'],
      resourceArns: [bucket.arnForObjects(`${ORIGINALS_PREFIX}*`)],
    });
    Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket'],
      resourceArns: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${SITES_PREFIX}*`, `${ORIGINALS_PREFIX}*`] } },
    });
    Grant.addToPrincipal({
      grantee,
      actions: [...BUILDER_KVS_ACTIONS],
      resourceArns: [this.pointers.keyValueStoreArn],
    });
  }

  /**
   * What the edge (the Worker's user) needs: a member's upload written under `originals/`
   * (never read back, listed or deleted: the builder does that), and a site's processed
   * pictures read, for the Pictures page's thumbnails before the site is published.
   */
  grantEdge(grantee: IGrantable): void {
    const { bucket } = this;
    Grant.addToPrincipal({
      grantee,
      actions: ['s3:PutObject'],
      resourceArns: [bucket.arnForObjects(`${ORIGINALS_PREFIX}*`)],
    });
    Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject'],
      resourceArns: [bucket.arnForObjects(PROCESSED_PICTURES)],
    });
  }
}
