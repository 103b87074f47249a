/**
 * The neighborhood's stacks, from the operator's file: the main stack `<aws.stackName>` in
 * `aws.region`, and, when that is not us-east-1, two small stacks there (CloudFront's
 * certificates and metrics live only in us-east-1): `<stackName>Certificate`, when the sites'
 * certificate must be made, handing its ARN over by a cross-region reference, and
 * `<stackName>SitesAlarms`, watching the distribution, whose id it gets the same way. `infra/bin/nbhd.ts` and the tests both compose through here, so what the tests
 * assert is what `cdk deploy` deploys.
 */
import type { App } from 'aws-cdk-lib';
import { buildNotFoundPage, buildSiteFunction } from '../../scripts/build-site-function.mjs';
import { CLOUDFRONT_REGION, type OperatorConfig } from '../operator-config';
import { CertificateStack } from './certificate-stack';
import { NbhdStack, type SitesCertificate } from './nbhd-stack';
import { SitesAlarmsStack } from './sites-alarms-stack';

/** What is built from the repository's source before the stacks are made (it is async). */
export interface HostingSources {
  /** The viewer-request function for `*.<sitesHost>`. */
  readonly siteFunction: string;
  /** The "No site here" page the function answers, as a file. */
  readonly notFoundPage: string;
}

/** The function and its page, built for this neighborhood, linking to its front page. */
export async function buildHostingSources(config: OperatorConfig): Promise<HostingSources> {
  const home = `${config.publicUrl}/`;
  return {
    siteFunction: await buildSiteFunction(config.sitesHost, home),
    notFoundPage: await buildNotFoundPage(home),
  };
}

export interface NeighborhoodStacks {
  readonly main: NbhdStack;
  readonly certificate?: CertificateStack;
  readonly sitesAlarms?: SitesAlarmsStack;
}

export function composeNeighborhood(
  app: App,
  config: OperatorConfig,
  sources: HostingSources,
  /** The account to deploy to, when known (`CDK_DEFAULT_ACCOUNT`); synth does not need it. */
  account?: string,
): NeighborhoodStacks {
  const { aws } = config;
  const elsewhere = aws.region !== CLOUDFRONT_REGION;
  const separate = !aws.certificateArn && elsewhere;
  const certificateStack = separate
    ? new CertificateStack(app, `${aws.stackName}Certificate`, {
        description: `nbhd: the certificate for ${config.sitesAlias}`,
        env: { account },
        sitesHost: config.sitesHost,
        hostedZoneId: aws.hostedZoneId,
      })
    : undefined;
  const certificate: SitesCertificate = aws.certificateArn
    ? { arn: aws.certificateArn }
    : certificateStack
      ? {
          certificate: certificateStack.site.certificate,
          validatedByOperator: certificateStack.site.validatedByOperator,
        }
      : 'create';
  const main = new NbhdStack(app, aws.stackName, {
    description: 'nbhd: a self-hosted neighborhood website (data, site builder, hosting, access)',
    env: { account, region: aws.region },
    crossRegionReferences: elsewhere,
    publicUrl: config.publicUrl,
    sitesUrl: config.sitesUrl,
    builderConcurrency: aws.builderConcurrency,
    siteFunctionCode: sources.siteFunction,
    notFoundPage: sources.notFoundPage,
    certificate,
    hostedZoneId: aws.hostedZoneId,
    alarmEmail: aws.alarmEmail,
  });
  const sitesAlarms = elsewhere
    ? new SitesAlarmsStack(app, `${aws.stackName}SitesAlarms`, {
        description: `nbhd: alarms on the sites' distribution for ${config.sitesAlias}`,
        env: { account },
        distributionId: main.hosting.distribution.distributionId,
        alarmEmail: aws.alarmEmail,
      })
    : undefined;
  return { main, certificate: certificateStack, sitesAlarms };
}
