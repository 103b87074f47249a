/**
 * The nbhd stack: composes the neighborhood's AWS pieces and prints what the operator needs to
 * configure the Worker. It makes no lookups, so it synthesizes without AWS credentials and is
 * environment-agnostic (account and region come from the deploying profile).
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Builder } from '../constructs/builder';
import { NeighborhoodData } from '../constructs/data';
import { EdgeAccess } from '../constructs/edge-access';
import { SiteStorage } from '../constructs/site-storage';

export interface NbhdStackProps extends StackProps {
  /** The neighborhood's address, the Worker's PUBLIC_URL, e.g. `https://oak.example`. */
  readonly publicUrl: string;
  /** Where members' sites are served, the Worker's SITES_URL, e.g. `https://oak.example`. */
  readonly sitesUrl: string;
  /** The builder's reserved concurrency (see `BuilderProps.concurrency`); default 10. */
  readonly builderConcurrency?: number | 'unreserved';
}

export class NbhdStack extends Stack {
  constructor(scope: Construct, id: string, props: NbhdStackProps) {
    super(scope, id, props);

    const data = new NeighborhoodData(this, 'Data');
    const storage = new SiteStorage(this, 'SiteStorage');
    const builder = new Builder(this, 'Builder', {
      table: data.table,
      publicUrl: props.publicUrl,
      sitesUrl: props.sitesUrl,
      concurrency: props.builderConcurrency,
      storage,
    });
    const edge = new EdgeAccess(this, 'EdgeAccess', {
      table: data.table,
      builder: builder.function,
    });

    new CfnOutput(this, 'TableName', {
      description: 'The neighborhood table; set it as DYNAMODB_TABLE in wrangler.toml [vars].',
      value: data.table.tableName,
    });
    new CfnOutput(this, 'Region', {
      description:
        'Region of the table and the builder; set it as AWS_REGION (and in DYNAMODB_ENDPOINT) in wrangler.toml [vars].',
      value: this.region,
    });
    new CfnOutput(this, 'EdgeUserName', {
      description:
        'IAM user for the Worker; run `aws iam create-access-key --user-name <this>` and store the key with `wrangler secret put AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`.',
      value: edge.user.userName,
    });
    new CfnOutput(this, 'BuilderFunction', {
      description: 'The builder Lambda; set it as BUILDER_FUNCTION in wrangler.toml [vars].',
      value: builder.function.functionName,
    });
    new CfnOutput(this, 'SitesBucket', {
      description: "The bucket of the sites' files (the builder's SITES_BUCKET).",
      value: storage.bucket.bucketName,
    });
    new CfnOutput(this, 'SitesKvsArn', {
      description: "The KeyValueStore of the sites' live pointers (the builder's SITES_KVS_ARN).",
      value: storage.pointers.keyValueStoreArn,
    });
    new CfnOutput(this, 'BuilderUrl', {
      description: "The Lambda API endpoint of the builder's region; set it as BUILDER_URL.",
      value: `https://lambda.${this.region}.${this.urlSuffix}`,
    });
  }
}
