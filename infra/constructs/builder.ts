/**
 * The site builder: one Lambda that renders members' sites with Eleventy 3 and the templates,
 * answering the edge's synchronous preview requests (and, later, publishing). esbuild bundles
 * `builder/handler.ts` as an ES module; Eleventy cannot be bundled (it registers a loader file
 * at run time), so it and markdown-it ship as installed node_modules. A command hook then lays
 * the asset out like the repository, so the handler finds the templates at `../templates/`
 * from its own module in both places:
 *
 *     builder/handler.mjs        the bundle (handler `builder/handler.handler`)
 *     templates/<id>/site/…      the Eleventy files (every non-TypeScript file of templates/)
 *     node_modules/…             @11ty/eleventy, markdown-it and their dependencies
 *
 * sharp's native code is installed for the Lambda's platform (`lambda-platform.mjs`):
 *
 *     node_modules/@img/sharp-linux-arm64, @img/sharp-libvips-linux-arm64
 *
 * The function may read only what a render needs: the neighborhood item and the sites'
 * partitions (`GetItem` and `Query`, their partition keys checked by IAM), never members,
 * sessions or OAuth tokens; and, publishing, write only the sites' partitions (`PutItem`,
 * `UpdateItem`: deploy records and the `SITE` record's live build and lock). Its grants on the
 * sites' bucket and KeyValueStore are `SiteStorage.grantBuilder`'s. Its concurrency is
 * reserved and so bounded (`concurrency`).
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPLOY_DEADLINE_MS } from '../../core/records/deploys';
import { neighborhoodKey } from '../../core/records/neighborhood';
import { sitePartition } from '../../core/records/sites';
import type { SiteStorage } from './site-storage';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Packages installed into the asset instead of bundled: Eleventy (see above), sharp (native
 * code, installed for the Lambda's linux-arm64 by `infra/bundling/lambda-platform.mjs`, never
 * the synthesizing machine's) and heic-decode (its libheif is WebAssembly loaded at run time).
 */
export const BUILDER_NODE_MODULES = [
  '@11ty/eleventy',
  'markdown-it',
  'sharp',
  'heic-decode',
] as const;

/** The partitions the builder may read: every site's, and the neighborhood's own. */
export const BUILDER_READS = [sitePartition('*'), neighborhoodKey.pk] as const;

/** The partitions the builder may write, publishing: every site's, nothing else. */
export const BUILDER_WRITES = [sitePartition('*')] as const;

/** How it writes them: a deploy record is put, then it and the `SITE` record are updated. */
export const BUILDER_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

/**
 * How many renders may run at once by default. A warm preview answers in well under a second,
 * so ten serve a neighborhood of hundreds previewing at once, while the edge's limit on
 * template samples (300 a minute, about five a second) leaves at least half of them to members.
 */
export const BUILDER_CONCURRENCY = 10;

/**
 * Memory, by measurement (`bench/builder-memory.ts`): a build never needs much (peak 139 MiB for
 * 10 posts, 158 MiB for 200, 189 MiB for 1,000, the site limit), but Lambda hands out CPU in
 * proportion to memory, and rendering is CPU. 1,769 MB is one whole vCPU: a build is about as
 * many GB-seconds at any size (time shrinks as memory grows), so the fastest setting that is
 * still one core costs little more and keeps a 200-post blog within seconds.
 */
export const BUILDER_MEMORY_MB = 1769;
// Pictures fit in it too. The largest picture allowed (`pictureLimits.pixels`, 50 M pixels, a
// 48-MP phone photo) is 200 MB decoded as RGBA; a HEIC is decoded whole by libheif's
// WebAssembly (its heap and the copy handed to sharp, about 400 MB), a JPEG is shrunk on load
// by libvips. Under 1 GB at the worst, and pictures are processed one at a time.

/**
 * The longest run: a 1,000-post site builds in about 15 s at that size, and one `pictures`
 * request processes up to `pictureLimits.perUpload` (10) photos one after the other, each a
 * decode and three widths in two formats (a few seconds for a 48-MP HEIC on one vCPU): two
 * minutes covers ten of the largest, still well inside a deploy's deadline.
 */
export const BUILDER_TIMEOUT = Duration.seconds(120);

export interface BuilderProps {
  /** The neighborhood's table, where sites and their items live. */
  readonly table: ITable;
  /** The neighborhood's address, e.g. `https://oak.example`; the sites' footers link back to it. */
  readonly publicUrl: string;
  /** Where members' sites are served: `https://oak.example` serves `alice` at `https://alice.oak.example`. */
  readonly sitesUrl: string;
  /**
   * Executions reserved for the builder, which is also the most it may run at once: that many
   * are kept for it whatever else the account runs, and a flood can never run more (nor cost
   * more). Lambda keeps 100 of an account's concurrency unreserved, so an account whose limit
   * is still a new account's low one cannot reserve any: `'unreserved'` leaves the builder on
   * the shared pool, unbounded but for the account's limit.
   * @default BUILDER_CONCURRENCY
   */
  readonly concurrency?: number | 'unreserved';
  /** Where published sites go: the builder writes their files and live pointers. */
  readonly storage: SiteStorage;
}

export class Builder extends Construct {
  readonly function: IFunction;
  /** How long one run may take (what the duration alarm measures against). */
  readonly timeout = BUILDER_TIMEOUT;

  constructor(scope: Construct, id: string, props: BuilderProps) {
    super(scope, id);
    const fn = new NodejsFunction(this, 'Function', {
      entry: join(root, 'builder', 'handler.ts'),
      handler: 'builder/handler.handler',
      projectRoot: root,
      depsLockFilePath: join(root, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: BUILDER_MEMORY_MB,
      timeout: BUILDER_TIMEOUT,
      reservedConcurrentExecutions: reserved(props.concurrency ?? BUILDER_CONCURRENCY),
      // A publish arrives as an event. Retrying one is useless (a retried build finds its
      // record past queued and is skipped), and one still waiting when its deadline passes
      // (throttled behind other builds) has already been shown failed: drop both, never run late.
      retryAttempts: 0,
      maxEventAge: Duration.millis(DEPLOY_DEADLINE_MS),
      logGroup: new LogGroup(this, 'Logs', { retention: RetentionDays.TWO_WEEKS }),
      environment: {
        DYNAMODB_TABLE: props.table.tableName,
        PUBLIC_URL: props.publicUrl,
        SITES_URL: props.sitesUrl,
        SITES_BUCKET: props.storage.bucket.bucketName,
        SITES_KVS_ARN: props.storage.pointers.keyValueStoreArn,
      },
      bundling: {
        format: OutputFormat.ESM,
        // Bundled CommonJS dependencies may still call require(); give them one.
        banner:
          "import { createRequire as __nbhdCreateRequire } from 'node:module'; const require = __nbhdCreateRequire(import.meta.url);",
        // Ship the SDK version the tests ran with, not whatever the runtime carries.
        bundleAwsSDK: true,
        nodeModules: [...BUILDER_NODE_MODULES],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: (inputDir: string, outputDir: string) => [
            `node "${join(inputDir, 'infra', 'bundling', 'lambda-platform.mjs')}" npmrc "${outputDir}"`,
          ],
          afterBundling: (inputDir: string, outputDir: string) => [
            `node "${join(inputDir, 'infra', 'bundling', 'lambda-platform.mjs')}" check "${outputDir}"`,
            `node "${join(inputDir, 'infra', 'bundling', 'arrange-builder-asset.mjs')}" "${inputDir}" "${outputDir}"`,
          ],
        },
      },
    });
    Grant.addToPrincipal({
      grantee: fn,
      // What builder/load.ts sends: GetItem of the neighborhood, Query of a site's partition.
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      resourceArns: [props.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...BUILDER_READS] } },
    });
    Grant.addToPrincipal({
      grantee: fn,
      // What builder/publish/ sends: deploy records put and updated, the SITE record's live
      // build and lock updated; nothing outside the sites' partitions, and no deletes.
      actions: [...BUILDER_WRITE_ACTIONS],
      resourceArns: [props.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...BUILDER_WRITES] } },
    });
    props.storage.grantBuilder(fn);
    this.function = fn;
  }
}

function reserved(concurrency: number | 'unreserved'): number | undefined {
  if (concurrency === 'unreserved') return undefined;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`The builder's concurrency must be a whole number from 1, not ${concurrency}`);
  }
  return concurrency;
}
