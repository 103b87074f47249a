/**
 * How the stacks are composed from the operator's file, and where the sites' certificate and
 * DNS records come from: an imported ARN; one made in a us-east-1 stack of its own when the
 * neighborhood lives elsewhere, or in the main stack when it lives in us-east-1; validated
 * through Route 53 and with alias records there only when a zone id is given.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseOperatorConfig } from '../../../infra/operator-config';
import { buildHostingSources, composeNeighborhood } from '../../../infra/stacks/compose';
import { baseConfig, onlyLogicalId, synth, testApp, type Synthesized } from './support';

const ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const ZONE = 'Z0123456789ABC';
const ALIAS = '*.sites.oak.example';

function viewerCertificate(template: Template) {
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
  return distribution!.Properties.DistributionConfig.ViewerCertificate.AcmCertificateArn;
}

const records = (template: Template) =>
  Object.values(template.findResources('AWS::Route53::RecordSet')).map((r) => r.Properties);

function expectCertificate(template: Template, zone?: string) {
  template.resourceCountIs('AWS::CertificateManager::Certificate', 1);
  template.hasResourceProperties('AWS::CertificateManager::Certificate', {
    DomainName: ALIAS,
    ValidationMethod: 'DNS',
    // The wildcard alone: one level, `alice.sites.oak.example`.
    SubjectAlternativeNames: Match.absent(),
    DomainValidationOptions: zone ? [{ DomainName: ALIAS, HostedZoneId: zone }] : Match.absent(),
  });
}

describe('the stacks', () => {
  it('are named by the operator’s file and live in its region', async () => {
    const { stacks } = await synth({ stackName: 'Elm' });
    expect(stacks.main.stackName).toBe('Elm');
    expect(stacks.main.region).toBe('eu-west-1');
    expect(stacks.certificate?.stackName).toBe('ElmCertificate');
    expect(stacks.certificate?.region).toBe('us-east-1');
  });

  it('take the account only when the deploying profile gives one', async () => {
    const config = parseOperatorConfig(baseConfig);
    const sources = await buildHostingSources(config);
    const stacks = composeNeighborhood(testApp(), config, sources, '123456789012');
    expect([stacks.main.account, stacks.certificate?.account]).toEqual([
      '123456789012',
      '123456789012',
    ]);
  });
});

describe('the sites’ certificate', () => {
  it('is made in a us-east-1 stack of its own when the neighborhood is elsewhere', async () => {
    const { main, certificate, stacks } = await synth();
    expect(certificate).toBeDefined();
    expectCertificate(certificate!);
    main.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    // Handed over by a cross-region reference, read in the main stack.
    const reader = onlyLogicalId(main, 'Custom::CrossRegionExportReader');
    expect(viewerCertificate(main)).toEqual({ 'Fn::GetAtt': [reader, expect.any(String)] });
    expect(stacks.main.dependencies).toContain(stacks.certificate);
  });

  it('is made in the main stack when the neighborhood is in us-east-1', async () => {
    const { main, stacks } = await synth({ region: 'us-east-1' });
    expect(stacks.certificate).toBeUndefined();
    expectCertificate(main);
    const id = onlyLogicalId(main, 'AWS::CertificateManager::Certificate');
    expect(viewerCertificate(main)).toEqual({ Ref: id });
    main.resourceCountIs('Custom::CrossRegionExportReader', 0);
  });

  it('is the operator’s own when they give its ARN, in any region', async () => {
    for (const region of ['eu-west-1', 'us-east-1']) {
      const { main, stacks } = await synth({ region, certificateArn: ARN });
      expect(stacks.certificate, region).toBeUndefined();
      main.resourceCountIs('AWS::CertificateManager::Certificate', 0);
      expect(viewerCertificate(main)).toBe(ARN);
      expect(main.toJSON().Outputs.CertificateValidation).toBeUndefined();
    }
  });

  it('tells the operator to add its validation record when no Route 53 zone is given', async () => {
    const { main } = await synth();
    const output = main.toJSON().Outputs.CertificateValidation;
    expect(output.Description).toMatch(/CNAME/);
    expect(output.Description).toMatch(/aws acm describe-certificate --region us-east-1/);
    expect(output.Value).toEqual(viewerCertificate(main));
  });

  it('is validated through Route 53 when a zone id is given, with no record for the operator', async () => {
    const apart = await synth({ hostedZoneId: ZONE });
    expectCertificate(apart.certificate!, ZONE);
    expect(apart.main.toJSON().Outputs.CertificateValidation).toBeUndefined();
    const together = await synth({ hostedZoneId: ZONE, region: 'us-east-1' });
    expectCertificate(together.main, ZONE);
  });
});

describe('the DNS records', () => {
  const alias = (s: Synthesized) => ({
    DNSName: {
      'Fn::GetAtt': [onlyLogicalId(s.main, 'AWS::CloudFront::Distribution'), 'DomainName'],
    },
    // CloudFront's own zone for alias targets, by partition.
    HostedZoneId: {
      'Fn::FindInMap': ['AWSCloudFrontPartitionHostedZoneIdMap', expect.anything(), 'zoneId'],
    },
  });

  it('point the alias at the distribution, A and AAAA, only when a zone id is given', async () => {
    const zoned = await synth({ hostedZoneId: ZONE });
    expect(records(zoned.main)).toEqual(
      expect.arrayContaining(
        ['A', 'AAAA'].map((Type) => ({
          Name: `${ALIAS}.`,
          Type,
          HostedZoneId: ZONE,
          AliasTarget: alias(zoned),
        })),
      ),
    );
    expect(records(zoned.main)).toHaveLength(2);
    for (const aws of [{}, { certificateArn: ARN }, { region: 'us-east-1' }]) {
      const { main, certificate } = await synth(aws);
      expect(records(main)).toEqual([]);
      if (certificate) expect(records(certificate)).toEqual([]);
    }
  });

  it('leave the zone to no lookup: synth needs no credentials', async () => {
    const { stacks } = await synth({ hostedZoneId: ZONE });
    const missing = stacks.main.node.metadata.filter((m) => m.type === 'aws:cdk:missing');
    expect(missing).toEqual([]);
  });
});
