/**
 * The neighborhood's alarms in its own region: the builder failing, running
 * close to its timeout, or losing publish events, and DynamoDB throttling.
 * Each alarm tells an SNS topic when it fires and when it clears; the topic
 * e-mails the operator when `alarmEmail` is given (AWS asks them to confirm
 * the subscription first). Without one, the alarms still show in the
 * CloudWatch console and anyone may subscribe to the topic later.
 *
 * Every alarm treats missing data as fine: a quiet neighborhood sends no
 * metrics at all, and silence is not an outage. The CloudFront alarm is in
 * `SitesAlarms` (`sites-alarms.ts`), since CloudFront's metrics exist only
 * in us-east-1.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DEPLOY_DEADLINE_MS } from '../../core/records/deploys';
import { table as definition } from '../../core/records/table';

/** Every alarm looks at five-minute periods: quick enough to matter, slow enough to be cheap. */
export const ALARM_PERIOD = Duration.minutes(5);

/** The share of a limit (the builder's timeout, an event's maximum age) that is "near" it. */
export const NEAR_LIMIT = 0.8;

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

export interface MonitoringProps {
  /** The builder Lambda. */
  readonly builder: IFunction;
  /** Its timeout (the construct's `timeout`), which a build must stay well inside. */
  readonly builderTimeout: Duration;
  /**
   * How long an event may wait for the builder (its `maxEventAge`).
   * @default the build deadline, DEPLOY_DEADLINE_MS
   */
  readonly builderMaxEventAge?: Duration;
  /** The neighborhood's table. */
  readonly table: ITable;
  /** Where alarms are e-mailed (the operator file's `aws.alarmEmail`). */
  readonly alarmEmail?: string;
}

export class Monitoring extends Construct {
  readonly topic: ITopic;
  readonly alarms: {
    builderErrors: Alarm;
    builderDuration: Alarm;
    eventsDropped: Alarm;
    eventAge: Alarm;
    tableThrottled: Alarm;
  };

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const topic = alarmTopic(this, props.alarmEmail);
    const fn = props.builder;
    const period = ALARM_PERIOD;
    const lambdaMetric = (metricName: string, statistic: string) =>
      new Metric({
        namespace: 'AWS/Lambda',
        metricName,
        dimensionsMap: { FunctionName: fn.functionName },
        statistic,
        period,
      });
    const timeoutMs = props.builderTimeout.toMilliseconds();
    const maxAgeMs = (
      props.builderMaxEventAge ?? Duration.millis(DEPLOY_DEADLINE_MS)
    ).toMilliseconds();

    this.alarms = {
      builderErrors: alarmOn(this, 'BuilderErrors', topic, {
        metric: fn.metricErrors({ statistic: 'Sum', period }),
        threshold: 1,
        description:
          'The builder threw: a build, restore, preview or export failed for a reason of its own (DynamoDB, S3 or the KeyValueStore down, a bug). Its log group says which request and why.',
      }),
      builderDuration: alarmOn(this, 'BuilderDuration', topic, {
        metric: fn.metricDuration({ statistic: 'Maximum', period }),
        threshold: Math.round(timeoutMs * NEAR_LIMIT),
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        description: `A builder run took over ${NEAR_LIMIT * 100}% of its ${timeoutMs / 1000} s timeout: sites are growing past what it can build in time; give it more memory (more CPU) or a longer timeout.`,
      }),
      eventsDropped: alarmOn(this, 'BuilderEventsDropped', topic, {
        metric: lambdaMetric('AsyncEventsDropped', 'Sum'),
        threshold: 1,
        description:
          'Lambda dropped publish events without running them (too old, or the builder failed them): those builds ended failed at their deadline.',
      }),
      eventAge: alarmOn(this, 'BuilderEventAge', topic, {
        metric: lambdaMetric('AsyncEventAge', 'Maximum'),
        threshold: Math.round(maxAgeMs * NEAR_LIMIT),
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        description: `A publish event waited over ${NEAR_LIMIT * 100}% of its maximum age before the builder took it: the builder's concurrency is too small for the builds queued, and events are about to expire.`,
      }),
      tableThrottled: alarmOn(this, 'TableThrottled', topic, {
        metric: throttleEvents(props.table),
        threshold: 1,
        description:
          'DynamoDB throttled reads or writes of the table or its indexes: pages may have answered "storage did not answer". On-demand tables throttle only on sudden peaks or one very hot item.',
      }),
    };
    this.topic = topic;
  }
}

/** Read and write throttle events of the table and each of its indexes, summed. */
function throttleEvents(table: ITable): IMetric {
  const usingMetrics: Record<string, IMetric> = {};
  const scopes = [undefined, ...definition.indexes.map((index) => index.name)];
  scopes.forEach((index, i) => {
    for (const kind of ['Read', 'Write']) {
      usingMetrics[`${kind.toLowerCase()}${i}`] = new Metric({
        namespace: 'AWS/DynamoDB',
        metricName: `${kind}ThrottleEvents`,
        dimensionsMap: {
          TableName: table.tableName,
          ...(index && { GlobalSecondaryIndexName: index }),
        },
        statistic: 'Sum',
        period: ALARM_PERIOD,
      });
    }
  });
  return new MathExpression({
    expression: Object.keys(usingMetrics)
      .map((name) => `FILL(${name}, 0)`)
      .join(' + '),
    usingMetrics,
    label: 'Throttle events (table and indexes)',
    period: ALARM_PERIOD,
  });
}
