/**
 * The builder's configuration, read once from its environment (the Lambda's
 * variables, or the local stack's values) and checked up front, so a
 * missing or malformed value fails with a message naming the variable
 * instead of failing later inside a render.
 */
import { z } from 'zod';
import { requiredVariable, urlVariable } from '../core/config-variables';

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
}

export class BuilderConfigError extends Error {
  override name = 'BuilderConfigError';
}

const schema = z.object({
  DYNAMODB_TABLE: requiredVariable('DYNAMODB_TABLE'),
  DYNAMODB_ENDPOINT: z
    .union([z.literal(''), urlVariable('DYNAMODB_ENDPOINT')])
    .optional()
    .transform((v) => v || undefined),
  AWS_REGION: requiredVariable('AWS_REGION'),
  SITES_URL: urlVariable('SITES_URL'),
  PUBLIC_URL: urlVariable('PUBLIC_URL'),
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
  };
}
