/**
 * The alarm on visitors of members' sites getting errors: the CloudFront
 * distribution's 5xx error rate over 5 % for five minutes (S3 failing, or
 * the viewer-request function throwing). CloudFront publishes its metrics
 * only in us-east-1 (with the dimension `Region=Global`), so this construct
 * must be put in a stack deployed to us-east-1 (the one that makes the
 * certificate, say), whatever region the rest of the neighborhood is in;
 * it refuses any other region it can see. It makes its own SNS topic
 * (a topic in another region cannot be an alarm's action) unless given
 * one of its own stack's.
 */
import { Annotations, Stack, Token } from 'aws-cdk-lib';
import { ComparisonOperator, Metric, type Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ALARM_PERIOD, alarmOn, alarmTopic } from './alarms';

/** The share of requests answered 5xx, in percent, above which visitors are let down. */
export const SITES_5XX_PERCENT = 5;

export interface SitesAlarmsProps {
  /** The distribution serving `*.<domain>` (its `distributionId`). */
  readonly distributionId: string;
  /** Where alarms are e-mailed (the operator file's `aws.alarmEmail`); unused with `topic`. */
  readonly alarmEmail?: string;
  /** A topic in the same stack to tell instead of a new one. */
  readonly topic?: ITopic;
}

export class SitesAlarms extends Construct {
  readonly topic: ITopic;
  readonly errorRate: Alarm;

  constructor(scope: Construct, id: string, props: SitesAlarmsProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region) && region !== 'us-east-1') {
      throw new Error(
        `SitesAlarms must be in a us-east-1 stack, where CloudFront's metrics are; this one is in ${region}`,
      );
    }
    if (Token.isUnresolved(region)) {
      Annotations.of(this).addWarningV2(
        'nbhd:sitesAlarmsRegion',
        "Deploy this stack to us-east-1: CloudFront's metrics exist only there",
      );
    }
    this.topic = props.topic ?? alarmTopic(this, props.alarmEmail);
    this.errorRate = alarmOn(this, 'Sites5xx', this.topic, {
      metric: new Metric({
        namespace: 'AWS/CloudFront',
        metricName: '5xxErrorRate',
        dimensionsMap: { DistributionId: props.distributionId, Region: 'Global' },
        statistic: 'Average',
        period: ALARM_PERIOD,
      }),
      threshold: SITES_5XX_PERCENT,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `Over ${SITES_5XX_PERCENT} % of requests to members' sites were answered with a 5xx for five minutes: the sites' bucket or the viewer-request function is failing.`,
    });
  }
}
