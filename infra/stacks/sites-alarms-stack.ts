/**
 * The small us-east-1 stack that watches the sites' distribution when the neighborhood lives
 * in another region: CloudFront's metrics exist only in us-east-1, and an alarm reads metrics
 * of its own region only. It takes the distribution's id from the main stack by a cross-region
 * reference, so it deploys after it (`cdk deploy --all` orders them).
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SitesAlarms } from '../constructs/sites-alarms';
import { CLOUDFRONT_REGION } from '../operator-config';

export interface SitesAlarmsStackProps extends StackProps {
  readonly distributionId: string;
  readonly alarmEmail?: string;
}

export class SitesAlarmsStack extends Stack {
  readonly alarms: SitesAlarms;

  constructor(scope: Construct, id: string, props: SitesAlarmsStackProps) {
    super(scope, id, {
      ...props,
      env: { ...props.env, region: CLOUDFRONT_REGION },
      crossRegionReferences: true,
    });
    this.alarms = new SitesAlarms(this, 'SitesAlarms', {
      distributionId: props.distributionId,
      alarmEmail: props.alarmEmail,
    });
  }
}
