/**
 * The nbhd stack: composes the neighborhood's AWS pieces and prints what the operator needs to
 * configure the Worker. It makes no lookups, so it synthesizes without AWS credentials and is
 * environment-agnostic (account and region come from the deploying profile).
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { NeighborhoodData } from '../constructs/data';
import { EdgeAccess } from '../constructs/edge-access';

export class NbhdStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const data = new NeighborhoodData(this, 'Data');
    const edge = new EdgeAccess(this, 'EdgeAccess', { table: data.table });

    new CfnOutput(this, 'TableName', {
      description: 'The neighborhood table; set it as DYNAMODB_TABLE in wrangler.toml [vars].',
      value: data.table.tableName,
    });
    new CfnOutput(this, 'Region', {
      description:
        'Region of the table; set it as AWS_REGION (and in DYNAMODB_ENDPOINT) in wrangler.toml [vars].',
      value: this.region,
    });
    new CfnOutput(this, 'EdgeUserName', {
      description:
        'IAM user for the Worker; run `aws iam create-access-key --user-name <this>` and store the key with `wrangler secret put AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`.',
      value: edge.user.userName,
    });
  }
}
