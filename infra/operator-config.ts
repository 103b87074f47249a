/**
 * The operator's one configuration file, `nbhd.config.json` at the repository's root (or the
 * path in `NBHD_CONFIG`). Everything production needs that is not a secret comes from it: the
 * CDK app (`infra/bin/nbhd.ts`) reads it to build the stacks, and `npm run configure` reads it
 * with the stacks' outputs to write the Worker's `[env.production]` settings. Nothing is typed
 * twice, so the Worker and the builder cannot disagree on an address.
 *
 * A wrong or missing value stops with a message naming it (`OperatorConfigError`).
 * `nbhd.config.example.json` is a complete example.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Where the file is looked for when `NBHD_CONFIG` does not say. */
export const OPERATOR_CONFIG_FILE = 'nbhd.config.json';

/** The region CloudFront's certificates and metrics live in. */
export const CLOUDFRONT_REGION = 'us-east-1';

const hostName = /^(?=.{4,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const did = /^did:(plc:[a-z2-7]{24}|web:[a-z0-9.-]+)$/;
const handle = /^@?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Said for any wrong concurrency: the union's own message does not reach a number's checks. */
const concurrencyMessage = 'aws.builderConcurrency must be a whole number from 1, or "unreserved"';

const domain = (what: string) =>
  z
    .string({ required_error: `${what} is not set` })
    .regex(hostName, `${what} must be a lower-case domain name such as oak.example`);

const schema = z
  .object({
    /** The neighborhood's apex: the app at `https://<domain>`, sites at `https://<name>.<domain>`. */
    domain: domain('domain'),
    /**
     * Optional: the domain under which members' sites live, when not `domain` itself
     * (`sites.oak.example` serves `alice` at `alice.sites.oak.example`).
     */
    sitesDomain: domain('sitesDomain').optional(),
    /** DIDs or handles who become admins at their first sign-in. */
    admins: z
      .array(
        z.string().refine(
          (v) => did.test(v) || handle.test(v),
          (v) => ({ message: `admins: ${JSON.stringify(v)} is neither a DID nor a handle` }),
        ),
        { invalid_type_error: 'admins must be a list of DIDs or handles' },
      )
      .default([]),
    aws: z
      .object(
        {
          /** Where the table and the builder run (pick one near most neighbors). */
          region: z
            .string({ required_error: 'aws.region is not set' })
            .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'aws.region must be a region such as eu-west-1'),
          /** The stack's name; one account may hold several neighborhoods. */
          stackName: z
            .string()
            .regex(
              /^[A-Za-z][A-Za-z0-9-]{0,100}$/,
              'aws.stackName must start with a letter and hold only letters, digits and "-"',
            )
            .default('Nbhd'),
          /**
           * Optional: an ACM certificate in us-east-1 covering `*.<sites domain>`. Unset, the
           * app creates one (DNS validation: through Route 53 when `hostedZoneId` is set,
           * otherwise by the records the operator adds at their DNS host).
           */
          certificateArn: z
            .string()
            .regex(
              /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
              'aws.certificateArn must be an ACM certificate ARN in us-east-1 (CloudFront uses only those)',
            )
            .optional(),
          /** Optional: a Route 53 hosted zone of the sites' domain; records are made only then. */
          hostedZoneId: z
            .string()
            .regex(
              /^Z[A-Z0-9]{1,31}$/,
              'aws.hostedZoneId must be a hosted zone id such as Z0123456789ABC',
            )
            .optional(),
          /** Optional: where alarms are e-mailed (an SNS subscription to confirm once). */
          alarmEmail: z.string().email('aws.alarmEmail must be an e-mail address').optional(),
          /** The builder's reserved concurrency: a whole number from 1, or `unreserved`. */
          builderConcurrency: z
            .union(
              [
                z.number().int(concurrencyMessage).min(1, concurrencyMessage),
                z.literal('unreserved'),
              ],
              { errorMap: () => ({ message: concurrencyMessage }) },
            )
            .optional(),
        },
        { required_error: 'aws is not set' },
      )
      .strict(),
    cloudflare: z
      .object({
        /** The Worker's name in the Cloudflare account. */
        workerName: z
          .string()
          .regex(
            /^[a-z0-9][a-z0-9-]{0,62}$/,
            'cloudflare.workerName must be lower-case letters, digits and "-"',
          )
          .default('nbhd'),
      })
      .strict()
      .default({}),
    atproto: z
      .object({
        handleResolver: z
          .string()
          .url('atproto.handleResolver must be an https URL')
          .default('https://bsky.social'),
        plcUrl: z
          .string()
          .url('atproto.plcUrl must be an https URL')
          .default('https://plc.directory'),
      })
      .strict()
      .default({}),
  })
  .strict();

export type OperatorConfigInput = z.input<typeof schema>;

/** The validated file, with the addresses both halves use derived once. */
export interface OperatorConfig extends z.output<typeof schema> {
  /** `https://<domain>`: the Worker's PUBLIC_URL and the builder's. */
  publicUrl: string;
  /** The domain sites live under (`sitesDomain`, else `domain`). */
  sitesHost: string;
  /** `https://<sitesHost>`: the Worker's and the builder's SITES_URL. */
  sitesUrl: string;
  /** The distribution's alias: `*.<sitesHost>`. */
  sitesAlias: string;
}

export class OperatorConfigError extends Error {
  override name = 'OperatorConfigError';
}

/** Checks an already-parsed value; throws `OperatorConfigError` naming every problem. */
export function parseOperatorConfig(value: unknown, source = OPERATOR_CONFIG_FILE): OperatorConfig {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown setting ${issue.keys.map((k) => [...issue.path, k].join('.')).join(', ')}`
        : issue.message,
    );
    throw new OperatorConfigError(`${source}: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  for (const url of [config.atproto.handleResolver, config.atproto.plcUrl]) {
    if (!url.startsWith('https://')) {
      throw new OperatorConfigError(`${source}: atproto addresses must be https, not ${url}`);
    }
  }
  const sitesHost = config.sitesDomain ?? config.domain;
  return {
    ...config,
    publicUrl: `https://${config.domain}`,
    sitesHost,
    sitesUrl: `https://${sitesHost}`,
    sitesAlias: `*.${sitesHost}`,
  };
}

/**
 * Reads and checks the operator's file: `NBHD_CONFIG` if set, else `nbhd.config.json` in `root`.
 */
export function loadOperatorConfig(
  root: string,
  env: Record<string, string | undefined> = process.env,
): OperatorConfig {
  const path = env.NBHD_CONFIG ? resolve(root, env.NBHD_CONFIG) : join(root, OPERATOR_CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new OperatorConfigError(
      `${path} is missing: copy nbhd.config.example.json to ${OPERATOR_CONFIG_FILE} and fill it in (or point NBHD_CONFIG at your file)`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OperatorConfigError(`${path} is not JSON: ${(error as Error).message}`);
  }
  return parseOperatorConfig(value, path);
}
