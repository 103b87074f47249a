/**
 * What the CDK app's tests share: the stacks composed from an operator file exactly as
 * `infra/bin/nbhd.ts` composes them (the function and its page built from the repository's
 * source), with bundling skipped, and ways to find resources and policy statements in them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import {
  parseOperatorConfig,
  type OperatorConfig,
  type OperatorConfigInput,
} from '../../../infra/operator-config';
import {
  buildHostingSources,
  composeNeighborhood,
  type NeighborhoodStacks,
} from '../../../infra/stacks/compose';
import { root } from '../../../scripts/local/edge';

/** The app's context as `cdk.json` gives it to `cdk deploy`, with bundling skipped. */
const context = {
  ...(JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { context?: object }).context,
  'aws:cdk:bundling-stacks': [],
};

/** An app as the CLI makes one from `cdk.json`, with bundling skipped. */
export const testApp = () => new App({ context });

/** The operator file the tests start from: sites under their own domain, in eu-west-1. */
export const baseConfig: OperatorConfigInput = {
  domain: 'oak.example',
  sitesDomain: 'sites.oak.example',
  aws: { region: 'eu-west-1' },
};

export interface Synthesized {
  config: OperatorConfig;
  stacks: NeighborhoodStacks;
  main: Template;
  certificate?: Template;
  sitesAlarms?: Template;
  siteFunction: string;
  notFoundPage: string;
}

/** The stacks for `baseConfig` with `aws` settings changed. */
export async function synth(aws: Partial<OperatorConfigInput['aws']> = {}): Promise<Synthesized> {
  const config = parseOperatorConfig({ ...baseConfig, aws: { ...baseConfig.aws, ...aws } });
  const sources = await buildHostingSources(config);
  const stacks = composeNeighborhood(testApp(), config, sources);
  return {
    config,
    stacks,
    main: Template.fromStack(stacks.main),
    certificate: stacks.certificate && Template.fromStack(stacks.certificate),
    sitesAlarms: stacks.sitesAlarms && Template.fromStack(stacks.sitesAlarms),
    siteFunction: sources.siteFunction,
    notFoundPage: sources.notFoundPage,
  };
}

/** Every stack of a composition. */
export const allStacks = (s: NeighborhoodStacks): Stack[] =>
  [s.main, s.certificate, s.sitesAlarms].filter((x): x is NonNullable<typeof x> => x !== undefined);

/** The logical ID of the one resource of `type` in `template`. */
export function onlyLogicalId(template: Template, type: string, props?: object): string {
  const ids = Object.keys(template.findResources(type, props && { Properties: props }));
  expect(ids, type).toHaveLength(1);
  return ids[0]!;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

/** The statements of every inline policy attached to `{ Users: [...] }` or `{ Roles: [...] }`. */
export function statementsFor(template: Template, attachment: Record<string, unknown>) {
  const policies = template.findResources('AWS::IAM::Policy', { Properties: attachment });
  return Object.values(policies).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
  );
}

/** Every policy statement a template holds: inline policies, roles' policies, bucket policies. */
export function everyStatement(template: Template): { resource: string; statement: Statement }[] {
  interface Document {
    Statement: Statement[];
  }
  interface Resource {
    Type: string;
    Properties?: { PolicyDocument?: Document; Policies?: { PolicyDocument: Document }[] };
  }
  const found: { resource: string; statement: Statement }[] = [];
  const resources = (template.toJSON().Resources ?? {}) as Record<string, Resource>;
  for (const [id, { Type: type, Properties: props }] of Object.entries(resources)) {
    const documents = [
      props?.PolicyDocument,
      ...(type === 'AWS::IAM::Role' ? (props?.Policies ?? []).map((p) => p.PolicyDocument) : []),
    ];
    for (const document of documents) {
      for (const statement of document?.Statement ?? []) found.push({ resource: id, statement });
    }
  }
  return found;
}

export const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

/** The builder Lambda (the stack holds others: CDK's custom resource handlers). */
export const builderProps = { Handler: 'builder/handler.handler' };
