/**
 * The nbhd stack: composes the neighborhood's AWS pieces and prints what the operator needs to
 * configure the Worker and their DNS. It makes no lookups, so it synthesizes without AWS
 * credentials. `infra/stacks/compose.ts` builds it (and, outside us-east-1, the certificate's
 * stack) from the operator's file.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { Construct } from 'constructs';
import { Builder } from '../constructs/builder';
import { NeighborhoodData } from '../constructs/data';
import { EdgeAccess } from '../constructs/edge-access';
import { operatorZone, SiteCertificate } from '../constructs/site-certificate';
import { SiteHosting } from '../constructs/site-hosting';
import { SiteStorage } from '../constructs/site-storage';
import { Monitoring } from '../constructs/monitoring';
import { CLOUDFRONT_REGION } from '../operator-config';

/** Where the sites' certificate comes from. */
export type SitesCertificate =
  /** An existing ACM certificate in us-east-1 (`aws.certificateArn`). */
  | { readonly arn: string }
  /** One made in the certificate's own us-east-1 stack. */
  | { readonly certificate: ICertificate; readonly validatedByOperator: boolean }
  /** One made here: only when this stack is in us-east-1. */
  | 'create';

export interface NbhdStackProps extends StackProps {
  /** The neighborhood's address, the Worker's PUBLIC_URL, e.g. `https://oak.example`. */
  readonly publicUrl: string;
  /** Where members' sites are served, the Worker's SITES_URL, e.g. `https://oak.example`. */
  readonly sitesUrl: string;
  /** The builder's reserved concurrency (see `BuilderProps.concurrency`); default 10. */
  readonly builderConcurrency?: number | 'unreserved';
  /** The viewer-request function's code, built for this neighborhood's sites domain. */
  readonly siteFunctionCode: string;
  /** The "No site here" page, the one the function answers. */
  readonly notFoundPage: string;
  readonly certificate: SitesCertificate;
  /** A Route 53 zone for the sites' domain: then the alias records are made there. */
  readonly hostedZoneId?: string;
  /** Where alarms are e-mailed (`aws.alarmEmail`). */
  readonly alarmEmail?: string;
}

export class NbhdStack extends Stack {
  /** The sites' hosting, whose distribution alarms watch. */
  readonly hosting: SiteHosting;
  /** The alarms; CloudFront's among them only when this stack is in us-east-1. */
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: NbhdStackProps) {
    super(scope, id, props);
    const sitesHost = new URL(props.sitesUrl).hostname;
    const alias = `*.${sitesHost}`;

    const data = new NeighborhoodData(this, 'Data');
    const storage = new SiteStorage(this, 'SiteStorage');
    const builder = new Builder(this, 'Builder', {
      table: data.table,
      publicUrl: props.publicUrl,
      sitesUrl: props.sitesUrl,
      concurrency: props.builderConcurrency,
      storage,
    });
    const edge = new EdgeAccess(this, 'EdgeAccess', {
      table: data.table,
      builder: builder.function,
      storage,
    });
    const zone = props.hostedZoneId ? operatorZone(this, props.hostedZoneId, sitesHost) : undefined;
    const { certificate, validatedByOperator } = this.certificate(props.certificate, alias, zone);
    this.hosting = new SiteHosting(this, 'SiteHosting', {
      storage,
      functionCode: props.siteFunctionCode,
      notFoundPage: props.notFoundPage,
      alias,
      certificate,
      zone,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      builder: builder.function,
      builderTimeout: builder.timeout,
      table: data.table,
      alarmEmail: props.alarmEmail,
      // CloudFront's metrics exist only in us-east-1; elsewhere `SitesAlarmsStack` watches them.
      sitesDistributionId:
        this.region === CLOUDFRONT_REGION ? this.hosting.distribution.distributionId : undefined,
    });

    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output(
      'TableName',
      data.table.tableName,
      "The neighborhood table (the Worker's DYNAMODB_TABLE; npm run configure writes it).",
    );
    output(
      'Region',
      this.region,
      "Region of the table and the builder (the Worker's AWS_REGION and DYNAMODB_ENDPOINT).",
    );
    output(
      'EdgeUserName',
      edge.user.userName,
      "IAM user for the Worker; npm run configure prints how to make its key and store it as the Worker's secrets.",
    );
    output(
      'BuilderFunction',
      builder.function.functionName,
      "The builder Lambda (the Worker's BUILDER_FUNCTION).",
    );
    output(
      'SitesBucket',
      storage.bucket.bucketName,
      "The bucket of the sites' files (the builder's SITES_BUCKET).",
    );
    output(
      'SitesKvsArn',
      storage.pointers.keyValueStoreArn,
      "The KeyValueStore of the sites' live pointers (the builder's SITES_KVS_ARN).",
    );
    output(
      'BuilderUrl',
      `https://lambda.${this.region}.${this.urlSuffix}`,
      "The Lambda API endpoint of the builder's region (the Worker's BUILDER_URL).",
    );
    output(
      'DistributionId',
      this.hosting.distribution.distributionId,
      "The sites' CloudFront distribution.",
    );
    output(
      'DistributionDomainName',
      this.hosting.distribution.distributionDomainName,
      zone
        ? `Where ${alias} points; its A and AAAA alias records are in the Route 53 zone.`
        : `Point ${alias} here at your DNS host: a CNAME record (proxy off at Cloudflare).`,
    );
    if (validatedByOperator) {
      output(
        'CertificateValidation',
        certificate.certificateArn,
        `The certificate for ${alias}. While cdk deploy waits for it, add the CNAME record that ` +
          `\`aws acm describe-certificate --region ${CLOUDFRONT_REGION} --certificate-arn <this>\` ` +
          'shows (ResourceRecord; also in the stack events) at your DNS host, and keep it: ACM renews with it.',
      );
    }
  }

  private certificate(
    source: SitesCertificate,
    alias: string,
    zone: ReturnType<typeof operatorZone> | undefined,
  ): { certificate: ICertificate; validatedByOperator: boolean } {
    if (source === 'create') {
      if (this.region !== CLOUDFRONT_REGION) {
        throw new Error(
          `The sites' certificate can be made in this stack only in ${CLOUDFRONT_REGION}, not ${this.region}`,
        );
      }
      return new SiteCertificate(this, 'SitesCertificate', { alias, zone });
    }
    if ('arn' in source) {
      const certificate = Certificate.fromCertificateArn(this, 'SitesCertificate', source.arn);
      return { certificate, validatedByOperator: false };
    }
    return source;
  }
}
