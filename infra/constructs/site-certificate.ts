/**
 * The certificate the sites' distribution presents: `*.<sites domain>`, made by ACM in
 * us-east-1 (the only region CloudFront takes certificates from) and validated by DNS. With a
 * Route 53 zone the validation record is made there and the certificate is issued on its own;
 * without one, `cdk deploy` waits at the certificate until the operator adds the CNAME record
 * ACM asks for (shown in the stack's events and by `aws acm describe-certificate`) at their
 * DNS host, such as Cloudflare.
 *
 * A wildcard covers one level only: `alice.oak.example`, never `a.b.oak.example`.
 */
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { HostedZone, type IHostedZone } from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';

export interface SiteCertificateProps {
  /** `*.<sites domain>`. */
  readonly alias: string;
  /** The Route 53 zone to validate in, when DNS is there. */
  readonly zone?: IHostedZone;
}

export class SiteCertificate extends Construct {
  readonly certificate: Certificate;
  /** Whether the operator must add the validation record themselves. */
  readonly validatedByOperator: boolean;

  constructor(scope: Construct, id: string, props: SiteCertificateProps) {
    super(scope, id);
    this.certificate = new Certificate(this, 'Certificate', {
      domainName: props.alias,
      validation: CertificateValidation.fromDns(props.zone),
    });
    this.validatedByOperator = !props.zone;
  }
}

/**
 * The operator's hosted zone, by id alone (no lookup, so synth needs no credentials). Records
 * are given absolute names, so the zone may be the sites' domain or one above it.
 */
export function operatorZone(scope: Construct, hostedZoneId: string, sitesHost: string) {
  return HostedZone.fromHostedZoneAttributes(scope, 'Zone', { hostedZoneId, zoneName: sitesHost });
}
