/**
 * The Worker's production settings, made from the operator file and the stack's outputs: the
 * variables `edge/env.ts` reads, and the `[env.production]` section of wrangler.toml that holds
 * them. Wrangler carries most top-level keys (main, assets, build, alias, observability,
 * compatibility) into an environment, but not `vars` or `version_metadata`, so those are
 * written out here in full; a Worker deployed without the version binding would lose the cache
 * key of its template samples.
 */
import type { OperatorConfig } from '../../infra/operator-config';
import type { StackOutputs } from './stack-outputs';

/** The environment `wrangler deploy --env production` deploys. */
export const PRODUCTION_ENV = 'production';

/** The binding wrangler.toml's top level gives the deploy's version (see `Env`). */
export const VERSION_BINDING = 'CF_VERSION_METADATA';

/** Every variable the Worker reads in production, by name (secrets are never here). */
export function productionVars(config: OperatorConfig, outputs: StackOutputs) {
  return {
    PUBLIC_URL: config.publicUrl,
    SITES_URL: config.sitesUrl,
    DYNAMODB_ENDPOINT: `https://dynamodb.${outputs.Region}.amazonaws.com`,
    DYNAMODB_TABLE: outputs.TableName,
    AWS_REGION: outputs.Region,
    BUILDER_URL: outputs.BuilderUrl,
    BUILDER_FUNCTION: outputs.BuilderFunction,
    // Where the Worker writes members' original pictures and reads processed ones: the sites'
    // bucket, path style (a bucket name with dots breaks virtual-host TLS), in its region.
    SITES_BUCKET_URL: sitesBucketUrl(outputs),
    ADMIN_HANDLES: config.admins.join(','),
    ATPROTO_HANDLE_RESOLVER: config.atproto.handleResolver,
    ATPROTO_PLC_URL: config.atproto.plcUrl,
    ATPROTO_ALLOW_HTTP: 'false',
  } satisfies Record<string, string>;
}

/** The sites' bucket's S3 endpoint, path style: `https://s3.<region>.amazonaws.com/<bucket>`. */
export const sitesBucketUrl = (outputs: Pick<StackOutputs, 'Region' | 'SitesBucket'>) =>
  `https://s3.${outputs.Region}.amazonaws.com/${outputs.SitesBucket}`;

/** A TOML basic string: JSON's escapes are TOML's. */
const str = (value: string) => JSON.stringify(value);

/** The first line of the written section; the section is found again by it. */
export const SECTION_BEGIN = '# BEGIN [env.production], written by `npm run configure`.';
/** The section's last line. */
export const SECTION_END = '# END [env.production]';

/** The whole `[env.production]` section, from its first marker line to its last, with a newline. */
export function productionSection(config: OperatorConfig, outputs: StackOutputs): string {
  const vars = Object.entries(productionVars(config, outputs)).map(([k, v]) => `${k} = ${str(v)}`);
  return [
    SECTION_BEGIN,
    '# Made from nbhd.config.json and the stack outputs in cdk-outputs.json: change those and run',
    '# it again, never this by hand. `npm run configure -- --check` says whether it is current.',
    '# Everything above is inherited but [vars] and [version_metadata], so those are repeated.',
    '[env.production]',
    `name = ${str(config.cloudflare.workerName)}`,
    '# The app answers at the apex only; wrangler deploy makes it a custom domain of the Worker.',
    `routes = [{ pattern = ${str(config.domain)}, custom_domain = true }]`,
    'workers_dev = false',
    'preview_urls = false',
    '# Run beside the table and the builder: each page makes a few DynamoDB calls in turn.',
    `placement = { region = ${str(`aws:${outputs.Region}`)} }`,
    '',
    '[env.production.version_metadata]',
    `binding = ${str(VERSION_BINDING)}`,
    '',
    '[env.production.vars]',
    ...vars,
    SECTION_END,
    '',
  ].join('\n');
}
