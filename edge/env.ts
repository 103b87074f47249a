/**
 * Every binding, variable and secret the Worker reads, and the validated
 * configuration built from them once per isolate. A missing or malformed
 * value fails fast with a message naming the variable, instead of failing
 * later inside a request.
 */
import { requiredVariable, urlVariable } from '../core/config-variables';
import { z } from 'zod';

export interface Env {
  /** Static assets (stylesheet, htmx), served by Workers Static Assets. */
  ASSETS: Fetcher;
  /** This deploy of the Worker (`[version_metadata]`); its id is new on every deploy. */
  CF_VERSION_METADATA: WorkerVersionMetadata;
  /** The app's public origin, e.g. `https://oak.example` (locally `http://127.0.0.1:8787`). */
  PUBLIC_URL: string;
  /** DynamoDB endpoint, e.g. `https://dynamodb.eu-west-1.amazonaws.com`. */
  DYNAMODB_ENDPOINT: string;
  DYNAMODB_TABLE: string;
  AWS_REGION: string;
  /** Secret: the edge's AWS access key (the `EdgeAccess` user created by `cdk deploy`). */
  AWS_ACCESS_KEY_ID: string;
  /** Secret. */
  AWS_SECRET_ACCESS_KEY: string;
  /** Secret: at least 32 random characters; signs session cookies and CSRF tokens. */
  SESSION_SECRET: string;
  /** An XRPC service that resolves handles, e.g. `https://bsky.social`. */
  ATPROTO_HANDLE_RESOLVER: string;
  /** The PLC directory, e.g. `https://plc.directory`. */
  ATPROTO_PLC_URL: string;
  /** `true` only for a local AT Protocol network served over plain http. */
  ATPROTO_ALLOW_HTTP?: string;
  /** Secret: the OAuth client's ES256 private key as a JWK (JSON). Unset = loopback client. */
  OAUTH_PRIVATE_KEY?: string;
  /**
   * DIDs (or handles, warned about), comma-separated: each becomes an admin
   * at its first sign-in, once; afterwards the admins decide.
   */
  ADMIN_HANDLES?: string;
  /**
   * Where members' sites live: a site named `alice` is served at this URL with
   * `alice.` before the host, e.g. `https://oak.example` → `https://alice.oak.example`.
   */
  SITES_URL: string;
  /** The Lambda API endpoint, e.g. `https://lambda.us-east-1.amazonaws.com` (locally the builder's invoke server). */
  BUILDER_URL: string;
  /** The builder Lambda's function name (an output of `cdk deploy`). */
  BUILDER_FUNCTION: string;
  /**
   * Secret, optional: an AWS access key that may invoke the builder, set
   * together with `BUILDER_SECRET_ACCESS_KEY`. Unset, the builder is invoked
   * with the DynamoDB key (`AWS_ACCESS_KEY_ID`).
   */
  BUILDER_ACCESS_KEY_ID?: string;
  /** Secret, optional: goes with `BUILDER_ACCESS_KEY_ID`. */
  BUILDER_SECRET_ACCESS_KEY?: string;
  /** Optional: the builder's region; unset, the one in `BUILDER_URL`, else `AWS_REGION`. */
  BUILDER_REGION?: string;
  /**
   * The sites' bucket, path style, e.g. `https://s3.eu-west-1.amazonaws.com/nbhd-sites-…`
   * (`npm run configure` writes it): uploaded pictures' originals go there.
   */
  SITES_BUCKET_URL: string;
}

const schema = z.object({
  PUBLIC_URL: urlVariable('PUBLIC_URL'),
  DYNAMODB_ENDPOINT: urlVariable('DYNAMODB_ENDPOINT'),
  DYNAMODB_TABLE: requiredVariable('DYNAMODB_TABLE'),
  AWS_REGION: requiredVariable('AWS_REGION'),
  AWS_ACCESS_KEY_ID: requiredVariable('AWS_ACCESS_KEY_ID'),
  AWS_SECRET_ACCESS_KEY: requiredVariable('AWS_SECRET_ACCESS_KEY'),
  SESSION_SECRET: z
    .string({ required_error: 'SESSION_SECRET is not set' })
    .min(32, 'SESSION_SECRET must be at least 32 characters'),
  ATPROTO_HANDLE_RESOLVER: urlVariable('ATPROTO_HANDLE_RESOLVER'),
  ATPROTO_PLC_URL: urlVariable('ATPROTO_PLC_URL'),
  ATPROTO_ALLOW_HTTP: z.enum(['true', 'false', '']).optional(),
  OAUTH_PRIVATE_KEY: z.string().optional(),
  ADMIN_HANDLES: z.string().optional(),
  SITES_URL: urlVariable('SITES_URL'),
  BUILDER_URL: urlVariable('BUILDER_URL'),
  BUILDER_FUNCTION: requiredVariable('BUILDER_FUNCTION'),
  BUILDER_ACCESS_KEY_ID: z.string().optional(),
  BUILDER_SECRET_ACCESS_KEY: z.string().optional(),
  BUILDER_REGION: z.string().optional(),
  SITES_BUCKET_URL: urlVariable('SITES_BUCKET_URL'),
});

export interface Config {
  publicUrl: string;
  /** Cookies get `Secure` and the `__Host-` prefix when the app is served over https. */
  secure: boolean;
  dynamo: {
    endpoint: string;
    table: string;
    region: string;
    accessKeyId: string;
    secretAccessKey: string;
  };
  sessionSecret: string;
  atproto: { handleResolver: string; plcUrl: string; allowHttp: boolean };
  /** The confidential client's key; absent means a loopback (development) client. */
  oauthPrivateKey?: string;
  /** First admins, bootstrapped once each: DIDs, and handles in lower case. */
  admins: string[];
  /** Where members' sites are served: `sitesUrl.replace('//', '//name.')`. */
  sitesUrl: string;
  /** The builder Lambda and the AWS key and region its invocations are signed with. */
  builder: {
    endpoint: string;
    functionName: string;
    region: string;
    accessKeyId: string;
    secretAccessKey: string;
  };
  /** The sites' bucket (no trailing slash), signed with the DynamoDB key. */
  bucket: { url: string; region: string; accessKeyId: string; secretAccessKey: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** The region in a Lambda endpoint such as `https://lambda.eu-west-1.amazonaws.com`. */
const LAMBDA_REGION = /^https:\/\/lambda\.([a-z0-9-]+)\.amazonaws\.com/;

/** The region in an S3 endpoint such as `https://s3.eu-west-1.amazonaws.com/bucket`. */
const S3_REGION = /^https:\/\/s3[.-]([a-z0-9-]+)\.amazonaws\.com/;

/** The builder's own key and region, each falling back to the DynamoDB one when unset. */
function builderAccess(
  e: z.infer<typeof schema>,
): Omit<Config['builder'], 'endpoint' | 'functionName'> {
  const accessKeyId = e.BUILDER_ACCESS_KEY_ID || undefined;
  const secretAccessKey = e.BUILDER_SECRET_ACCESS_KEY || undefined;
  if (!accessKeyId !== !secretAccessKey) {
    const [missing, set] = accessKeyId
      ? ['BUILDER_SECRET_ACCESS_KEY', 'BUILDER_ACCESS_KEY_ID']
      : ['BUILDER_ACCESS_KEY_ID', 'BUILDER_SECRET_ACCESS_KEY'];
    throw new ConfigError(
      `Invalid configuration: ${missing} is not set, but ${set} is; set both or neither`,
    );
  }
  return {
    region: e.BUILDER_REGION || (LAMBDA_REGION.exec(e.BUILDER_URL)?.[1] ?? e.AWS_REGION),
    accessKeyId: accessKeyId ?? e.AWS_ACCESS_KEY_ID,
    secretAccessKey: secretAccessKey ?? e.AWS_SECRET_ACCESS_KEY,
  };
}

/** `ADMIN_HANDLES` values already warned about in this isolate. */
const warnedAdmins = new Set<string>();

/**
 * The first admins, DIDs as given and handles in lower case. Handles are
 * accepted but warned about, once: a handle is a domain, which can lapse and
 * be registered by someone else, who would then sign in as a first admin; a
 * DID is the account itself.
 */
function firstAdmins(value = ''): string[] {
  const admins = value
    .split(',')
    .map((a) => a.trim().replace(/^@/, ''))
    .filter(Boolean)
    .map((a) => (a.startsWith('did:') ? a : a.toLowerCase()));
  const handles = admins.filter((a) => !a.startsWith('did:'));
  if (handles.length > 0 && !warnedAdmins.has(value)) {
    warnedAdmins.add(value);
    console.warn(
      `ADMIN_HANDLES lists handles (${handles.join(', ')}): a handle can change hands, so list the accounts' DIDs (did:plc:…) instead`,
    );
  }
  return admins;
}

/** The configuration `env` holds; throws `ConfigError` naming each bad variable. */
export function parseConfig(env: Partial<Env>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid configuration: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  const e = parsed.data;
  const oauthPrivateKey = e.OAUTH_PRIVATE_KEY?.trim() || undefined;
  if (!oauthPrivateKey && !LOOPBACK.test(e.PUBLIC_URL)) {
    throw new ConfigError(
      'Invalid configuration: OAUTH_PRIVATE_KEY is required unless PUBLIC_URL is a loopback address (http://127.0.0.1:PORT)',
    );
  }
  // Plain-http sign-in servers exist only on a local AT Protocol network.
  if (e.ATPROTO_ALLOW_HTTP === 'true' && !LOOPBACK.test(e.PUBLIC_URL)) {
    throw new ConfigError(
      'Invalid configuration: ATPROTO_ALLOW_HTTP may be true only when PUBLIC_URL is a loopback address (http://127.0.0.1:PORT)',
    );
  }
  return {
    publicUrl: e.PUBLIC_URL,
    secure: e.PUBLIC_URL.startsWith('https:'),
    dynamo: {
      endpoint: e.DYNAMODB_ENDPOINT,
      table: e.DYNAMODB_TABLE,
      region: e.AWS_REGION,
      accessKeyId: e.AWS_ACCESS_KEY_ID,
      secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
    },
    sessionSecret: e.SESSION_SECRET,
    atproto: {
      handleResolver: e.ATPROTO_HANDLE_RESOLVER,
      plcUrl: e.ATPROTO_PLC_URL,
      allowHttp: e.ATPROTO_ALLOW_HTTP === 'true',
    },
    oauthPrivateKey,
    admins: firstAdmins(e.ADMIN_HANDLES),
    sitesUrl: e.SITES_URL,
    builder: {
      endpoint: e.BUILDER_URL,
      functionName: e.BUILDER_FUNCTION,
      ...builderAccess(e),
    },
    bucket: {
      url: e.SITES_BUCKET_URL.replace(/\/+$/, ''),
      region: S3_REGION.exec(e.SITES_BUCKET_URL)?.[1] ?? e.AWS_REGION,
      accessKeyId: e.AWS_ACCESS_KEY_ID,
      secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
    },
  };
}
