/**
 * Where the composed stacks put the alarms: the builder's and the table's in the main stack,
 * measured against the builder's real timeout; CloudFront's in us-east-1, the only region with
 * its metrics: in the main stack when that is there, else in a stack of its own that reads the
 * distribution's id from the main stack. Both topics e-mail the operator's address.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BUILDER_TIMEOUT } from '../../../infra/constructs/builder';
import { NEAR_LIMIT } from '../../../infra/constructs/monitoring';
import { synth } from './support';

const EMAIL = 'operator@oak.example';

function alarmsOn(template: Template, metricName: string) {
  return Object.values(
    template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metricName } }),
  );
}

function emails(template: Template) {
  return Object.values(
    template.findResources('AWS::SNS::Subscription', { Properties: { Protocol: 'email' } }),
  ).map((s) => s.Properties.Endpoint);
}

describe('the alarms, as the stacks are composed', () => {
  it('watch the builder against its own timeout, in the main stack', async () => {
    const { main } = await synth({ alarmEmail: EMAIL });
    const [duration, ...more] = alarmsOn(main, 'Duration');
    expect(more).toHaveLength(0);
    expect(duration?.Properties.Threshold).toBe(BUILDER_TIMEOUT.toMilliseconds() * NEAR_LIMIT);
    expect(alarmsOn(main, 'Errors')).toHaveLength(1);
    expect(alarmsOn(main, 'AsyncEventsDropped')).toHaveLength(1);
    expect(emails(main)).toEqual([EMAIL]);
  });

  it('outside us-east-1, watch CloudFront from a us-east-1 stack given the distribution’s id', async () => {
    const { main, sitesAlarms, stacks } = await synth({ region: 'eu-west-1', alarmEmail: EMAIL });
    expect(alarmsOn(main, '5xxErrorRate')).toHaveLength(0);
    expect(stacks.sitesAlarms?.region).toBe('us-east-1');
    const [errors] = alarmsOn(sitesAlarms!, '5xxErrorRate');
    const dimension = (errors?.Properties.Dimensions as { Name: string; Value: unknown }[]).find(
      (d) => d.Name === 'DistributionId',
    );
    // Not a name typed in: a reference the main stack exports across regions.
    expect(typeof dimension?.Value).toBe('object');
    expect(JSON.stringify(dimension?.Value)).toMatch(/DistributionId|Distribution/);
    expect(emails(sitesAlarms!)).toEqual([EMAIL]);
  });

  it('in us-east-1, watch CloudFront from the main stack, with no stack of its own', async () => {
    const { main, stacks } = await synth({ region: 'us-east-1' });
    expect(stacks.sitesAlarms).toBeUndefined();
    main.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5xxErrorRate',
      Namespace: 'AWS/CloudFront',
      Dimensions: Match.arrayWith([
        { Name: 'DistributionId', Value: { Ref: Match.stringLikeRegexp('Distribution') } },
      ]),
    });
    expect(emails(main)).toEqual([]);
  });
});
