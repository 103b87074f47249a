/**
 * What every nbhd alarm shares: five-minute periods, one period to fire,
 * missing data counted as fine (a quiet neighborhood sends no metrics, and
 * silence is not an outage), and an SNS topic told both when an alarm
 * fires and when it clears, which e-mails the operator when an address is
 * given (AWS asks them to confirm the subscription first).
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

/** Every alarm looks at five-minute periods: quick enough to matter, slow enough to be cheap. */
export const ALARM_PERIOD = Duration.minutes(5);

/** A topic for `scope`'s alarms, e-mailing `alarmEmail` when one is given. */
export function alarmTopic(scope: Construct, alarmEmail: string | undefined): Topic {
  const topic = new Topic(scope, 'Topic', { displayName: 'nbhd alarms' });
  if (alarmEmail) topic.addSubscription(new EmailSubscription(alarmEmail));
  return topic;
}

/** An alarm on `metric` reaching `threshold` in one period, telling `topic` both ways. */
export function alarmOn(
  scope: Construct,
  id: string,
  topic: ITopic,
  props: {
    metric: IMetric;
    threshold: number;
    description: string;
    comparison?: ComparisonOperator;
  },
): Alarm {
  const alarm = new Alarm(scope, id, {
    metric: props.metric,
    threshold: props.threshold,
    evaluationPeriods: 1,
    comparisonOperator: props.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: props.description,
  });
  const action = new SnsAction(topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
}
