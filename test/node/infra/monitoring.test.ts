/**
 * The alarms, synthesised in small stacks of their own: each alarm's
 * metric (namespace, name, dimensions, statistic), period, threshold and
 * comparison, that silence counts as fine, and that each tells its stack's
 * topic when it fires and when it clears. The topic e-mails only when an
 * address is given, and the CloudFront alarm refuses a region where
 * CloudFront has no metrics.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { DEPLOY_DEADLINE_MS } from '../../../core/records/deploys';
import { Monitoring } from '../../../infra/constructs/monitoring';
import { SitesAlarms } from '../../../infra/constructs/sites-alarms';

const TABLE = 'nbhd-table';

function monitored(
  alarmEmail?: string,
  {
    region = 'eu-west-1',
    sitesDistributionId,
  }: { region?: string; sitesDistributionId?: string } = {},
) {
  const stack = new Stack(new App(), 'Watched', { env: { region } });
  const timeout = Duration.seconds(30);
  const builder = new LambdaFunction(stack, 'Builder', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => ({});'),
    timeout,
  });
  new Monitoring(stack, 'Monitoring', {
    builder,
    builderTimeout: timeout,
    table: Table.fromTableName(stack, 'Table', TABLE),
    alarmEmail,
    sitesDistributionId,
  });
  return Template.fromStack(stack);
}

/** The one alarm whose description starts with `start`. */
function alarm(template: Template, start: string) {
  const found = Object.values(
    template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { AlarmDescription: Match.stringLikeRegexp(`^${start}`) },
    }),
  );
  expect(found).toHaveLength(1);
  return found[0]!.Properties as Record<string, unknown>;
}

/** The builder's name as the template gives it (a reference to the function). */
function builderName(template: Template) {
  const functions = Object.keys(template.findResources('AWS::Lambda::Function'));
  expect(functions).toHaveLength(1);
  return [{ Name: 'FunctionName', Value: { Ref: functions[0]! } }];
}

/** The topic's logical id, for the alarms' actions. */
function topicOf(template: Template): string {
  const topics = Object.keys(template.findResources('AWS::SNS::Topic'));
  expect(topics).toHaveLength(1);
  return topics[0]!;
}

const every5Minutes = { Period: 300, EvaluationPeriods: 1, TreatMissingData: 'notBreaching' };

describe('Monitoring', () => {
  const template = monitored('operator@oak.example');
  const actions = (topic: string) => ({
    AlarmActions: [{ Ref: topic }],
    OKActions: [{ Ref: topic }],
  });

  it('alarms on any builder error in five minutes', () => {
    expect(alarm(template, 'The builder threw')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: builderName(template),
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      ...every5Minutes,
      ...actions(topicOf(template)),
    });
  });

  it('alarms when a builder run takes over 80 % of its timeout', () => {
    expect(alarm(template, 'A builder run took')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Dimensions: builderName(template),
      Statistic: 'Maximum',
      Threshold: 24_000,
      ComparisonOperator: 'GreaterThanThreshold',
      ...every5Minutes,
      ...actions(topicOf(template)),
    });
  });

  it('alarms on any publish event Lambda dropped', () => {
    expect(alarm(template, 'Lambda dropped')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'AsyncEventsDropped',
      Dimensions: builderName(template),
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      ...every5Minutes,
      ...actions(topicOf(template)),
    });
  });

  it('alarms when an event waited over 80 % of its maximum age (the build deadline)', () => {
    expect(alarm(template, 'A publish event waited')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'AsyncEventAge',
      Dimensions: builderName(template),
      Statistic: 'Maximum',
      Threshold: DEPLOY_DEADLINE_MS * 0.8,
      ComparisonOperator: 'GreaterThanThreshold',
      ...every5Minutes,
      ...actions(topicOf(template)),
    });
  });

  it('alarms on any read or write throttled on the table or either index', () => {
    const props = alarm(template, 'DynamoDB throttled');
    expect(props).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      ...actions(topicOf(template)),
    });
    const metrics = props.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: {
        Metric: {
          Namespace: string;
          MetricName: string;
          Dimensions: { Name: string; Value: string }[];
        };
        Period: number;
        Stat: string;
      };
    }[];
    const stats = metrics.filter((m) => m.MetricStat);
    const seen = stats.map(({ MetricStat: s }) => {
      expect(s).toMatchObject({ Period: 300, Stat: 'Sum', Metric: { Namespace: 'AWS/DynamoDB' } });
      const dims = Object.fromEntries(s!.Metric.Dimensions.map((d) => [d.Name, d.Value]));
      expect(dims.TableName).toBe(TABLE);
      return `${s!.Metric.MetricName} ${dims.GlobalSecondaryIndexName ?? 'table'}`;
    });
    expect(seen.sort()).toEqual(
      ['table', 'byTime', 'byName']
        .flatMap((on) => [`ReadThrottleEvents ${on}`, `WriteThrottleEvents ${on}`])
        .sort(),
    );
    // The alarm watches the sum of them all, a missing one counting as none.
    const sum = metrics.find((m) => m.Expression)!;
    for (const { Id } of stats) expect(sum.Expression).toContain(`FILL(${Id}, 0)`);
  });

  it('e-mails the alarms only when an address is given', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'operator@oak.example',
      TopicArn: { Ref: topicOf(template) },
    });
    const quiet = monitored();
    quiet.resourceCountIs('AWS::SNS::Subscription', 0);
    quiet.resourceCountIs('AWS::CloudWatch::Alarm', 5);
  });
});

describe('Monitoring in us-east-1 with the sites’ distribution', () => {
  it('adds the CloudFront alarm on the same topic', () => {
    const template = monitored('o@oak.example', {
      region: 'us-east-1',
      sitesDistributionId: 'E2EXAMPLE',
    });
    const topic = topicOf(template);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    expect(alarm(template, 'Over 5 % of requests')).toMatchObject({
      MetricName: '5xxErrorRate',
      AlarmActions: [{ Ref: topic }],
      OKActions: [{ Ref: topic }],
    });
    template.resourceCountIs('AWS::SNS::Subscription', 1);
  });

  it('refuses the distribution in another region', () => {
    expect(() => monitored(undefined, { sitesDistributionId: 'E2EXAMPLE' })).toThrow(/us-east-1/);
  });
});

describe('SitesAlarms', () => {
  const inRegion = (region?: string) =>
    new Stack(new App(), 'Global', region ? { env: { region } } : {});

  it('alarms when over 5 % of the sites’ requests fail with a 5xx for five minutes', () => {
    const stack = inRegion('us-east-1');
    new SitesAlarms(stack, 'SitesAlarms', {
      distributionId: 'E2EXAMPLE',
      alarmEmail: 'o@oak.example',
    });
    const template = Template.fromStack(stack);
    const topic = topicOf(template);
    expect(alarm(template, 'Over 5 % of requests')).toMatchObject({
      Namespace: 'AWS/CloudFront',
      MetricName: '5xxErrorRate',
      Dimensions: expect.arrayContaining([
        { Name: 'DistributionId', Value: 'E2EXAMPLE' },
        { Name: 'Region', Value: 'Global' },
      ]),
      Statistic: 'Average',
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      ...every5Minutes,
      AlarmActions: [{ Ref: topic }],
      OKActions: [{ Ref: topic }],
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'o@oak.example',
    });
  });

  it('refuses a stack in another region, and warns when the region is left to the deploy', () => {
    expect(() => new SitesAlarms(inRegion('eu-west-1'), 'S', { distributionId: 'E2' })).toThrow(
      /us-east-1/,
    );
    const agnostic = inRegion();
    new SitesAlarms(agnostic, 'SitesAlarms', { distributionId: 'E2' });
    Annotations.fromStack(agnostic).hasWarning('*', Match.stringLikeRegexp('us-east-1'));
    Template.fromStack(agnostic).resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
