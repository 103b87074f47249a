/**
 * The neighborhood's alarms in its own region: the builder failing, running
 * close to its timeout, or losing publish events, and DynamoDB throttling
 * (`alarms.ts` says what they share). Without `alarmEmail` the alarms still
 * show in the CloudWatch console, and anyone may subscribe to the topic.
 *
 * The CloudFront alarm is `SitesAlarms` (`sites-alarms.ts`), since
 * CloudFront's metrics exist only in us-east-1: put it in a us-east-1
 * stack, or, when this stack is in us-east-1, give `sitesDistributionId`
 * and it is made here, on the same topic.
 */
import { Duration } from 'aws-cdk-lib';
import {
  ComparisonOperator,
  MathExpression,
  Metric,
  type Alarm,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ALARM_PERIOD, alarmOn, alarmTopic } from './alarms';
import { SitesAlarms } from './sites-alarms';
import { DEPLOY_DEADLINE_MS } from '../../core/records/deploys';
import { table as definition } from '../../core/records/table';

/** The share of a limit (the builder's timeout, an event's maximum age) that is "near" it. */
export const NEAR_LIMIT = 0.8;

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
  /** The sites' distribution, only when this stack is in us-east-1 (see `SitesAlarms`). */
  readonly sitesDistributionId?: string;
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
  /** Made only when `sitesDistributionId` is given. */
  readonly sites?: SitesAlarms;

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
    if (props.sitesDistributionId) {
      this.sites = new SitesAlarms(this, 'Sites', {
        distributionId: props.sitesDistributionId,
        topic,
      });
    }
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
