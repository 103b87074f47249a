/**
 * The CDK app entry (`npx cdk deploy` runs it through `cdk.json`). This is the only place that
 * reads configuration: `NBHD_STACK_NAME` names the stack (default `Nbhd`), so one AWS account
 * can hold more than one neighborhood, and the context values `publicUrl` and `sitesUrl` (in
 * `cdk.json`, or `-c publicUrl=…`) tell the builder where the neighborhood and its sites live;
 * they must match PUBLIC_URL and SITES_URL in wrangler.toml. `builderConcurrency` (a whole number,
 * default 10, or `unreserved`) is what the builder Lambda may run at once. The stack is
 * environment-agnostic and needs no AWS credentials to synthesize.
 */
import { App } from 'aws-cdk-lib';
import { NbhdStack } from '../stacks/nbhd-stack';

const app = new App();

/** A context value that must be an absolute http(s) URL; stops the app with its name if not. */
function urlContext(name: string, fallback?: string): string {
  const value: unknown = app.node.tryGetContext(name) ?? fallback;
  if (typeof value !== 'string' || !/^https?:\/\/[^/\s]+\/?$/.test(value)) {
    throw new Error(
      `Context value ${name} must be an origin such as https://oak.example (set it in cdk.json or with -c ${name}=…)`,
    );
  }
  return value.replace(/\/+$/, '');
}

/** The builder's concurrency: unset (the default), `unreserved`, or a whole number from 1. */
function concurrencyContext(name: string): number | 'unreserved' | undefined {
  const value: unknown = app.node.tryGetContext(name);
  if (value === undefined || value === 'unreserved') return value;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(
      `Context value ${name} must be a whole number from 1, or unreserved (set it in cdk.json or with -c ${name}=…)`,
    );
  }
  return number;
}

const publicUrl = urlContext('publicUrl');
new NbhdStack(app, process.env.NBHD_STACK_NAME || 'Nbhd', {
  description: 'nbhd: a self-hosted neighborhood website (data, site builder and edge access)',
  publicUrl,
  sitesUrl: urlContext('sitesUrl', publicUrl),
  builderConcurrency: concurrencyContext('builderConcurrency'),
});
