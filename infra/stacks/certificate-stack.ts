/**
 * The small us-east-1 stack that holds the sites' certificate when the neighborhood itself
 * lives in another region: CloudFront takes certificates only from us-east-1. The main stack
 * reads the certificate's ARN through a cross-region reference.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CLOUDFRONT_REGION } from '../operator-config';
import { operatorZone, SiteCertificate } from '../constructs/site-certificate';

export interface CertificateStackProps extends StackProps {
  /** The sites' domain, `oak.example`; the certificate is for `*.oak.example`. */
  readonly sitesHost: string;
  readonly hostedZoneId?: string;
}

export class CertificateStack extends Stack {
  readonly site: SiteCertificate;

  constructor(scope: Construct, id: string, props: CertificateStackProps) {
    super(scope, id, {
      ...props,
      env: { ...props.env, region: CLOUDFRONT_REGION },
      crossRegionReferences: true,
    });
    const zone = props.hostedZoneId
      ? operatorZone(this, props.hostedZoneId, props.sitesHost)
      : undefined;
    this.site = new SiteCertificate(this, 'Sites', { alias: `*.${props.sitesHost}`, zone });
  }
}
