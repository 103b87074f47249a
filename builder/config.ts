/**
 * The builder's configuration, read once from its environment (the Lambda's
 * variables, or the local stack's values) and checked up front, so a
 * missing or malformed value fails with a message naming the variable
 * instead of failing later inside a render.
 */
import { z } from 'zod';
import {
  bucketVariable,
  kvsArnVariable,
  requiredVariable,
  urlVariable,
} from '../core/config-variables';

export interface BuilderConfig {
  /** The neighborhood's table. */
  table: string;
  /** Only for a local DynamoDB; in AWS the SDK finds the regional endpoint. */
  dynamoEndpoint?: string;
  region: string;
  /** Where members' sites live: `https://oak.example` serves `alice` at `https://alice.oak.example`. */
  sitesUrl: string;
  /** The neighborhood's own address, for each site's link back home. */
  publicUrl: string;
  /** Where published sites are written; absent until the neighborhood publishes. */
  publishing?: PublishingConfig;
}

/** The bucket the sites' files go to and the store that says which deploy is live. */
export interface PublishingConfig {
  bucket: string;
  /** Only for a local S3; in AWS the SDK finds the regional endpoint. */
  s3Endpoint?: string;
  /** The CloudFront KeyValueStore holding each site's live pointer. */
  kvsArn: string;
  /** Only for a local KeyValueStore; in AWS the SDK derives it from the ARN. */
  kvsEndpoint?: string;
}

export class BuilderConfigError extends Error {
  override name = 'BuilderConfigError';
}

/** An empty or unset variable is absent; a set one must pass `check` (whose message names it). */
const optional = <T extends z.ZodTypeAny>(check: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), check.optional());

const schema = z
  .object({
    DYNAMODB_TABLE: requiredVariable('DYNAMODB_TABLE'),
    DYNAMODB_ENDPOINT: optional(urlVariable('DYNAMODB_ENDPOINT')),
    AWS_REGION: requiredVariable('AWS_REGION'),
    SITES_URL: urlVariable('SITES_URL'),
    PUBLIC_URL: urlVariable('PUBLIC_URL'),
    SITES_BUCKET: optional(bucketVariable('SITES_BUCKET')),
    S3_ENDPOINT: optional(urlVariable('S3_ENDPOINT')),
    SITES_KVS_ARN: optional(kvsArnVariable('SITES_KVS_ARN')),
    KVS_ENDPOINT: optional(urlVariable('KVS_ENDPOINT')),
  })
  // Half a publishing setup would fail at the first publish; say so at start-up instead.
  .refine((e) => !e.SITES_BUCKET === !e.SITES_KVS_ARN, {
    message: 'SITES_BUCKET and SITES_KVS_ARN are set together or not at all',
  });

/** Validates `env` (usually `process.env`); throws `BuilderConfigError` naming every problem. */
export function parseBuilderConfig(env: Record<string, string | undefined>): BuilderConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new BuilderConfigError(
      `Invalid builder configuration: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  const e = parsed.data;
  return {
    table: e.DYNAMODB_TABLE,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    region: e.AWS_REGION,
    sitesUrl: e.SITES_URL,
    publicUrl: e.PUBLIC_URL,
    publishing:
      e.SITES_BUCKET && e.SITES_KVS_ARN
        ? {
            bucket: e.SITES_BUCKET,
            s3Endpoint: e.S3_ENDPOINT,
            kvsArn: e.SITES_KVS_ARN,
            kvsEndpoint: e.KVS_ENDPOINT,
          }
        : undefined,
  };
}
