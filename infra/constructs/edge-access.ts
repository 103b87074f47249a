/**
 * Access for the Cloudflare Worker (the edge) to the neighborhood's table and builder. The Worker
 * signs its requests with aws4fetch and cannot assume roles, so it gets an IAM user of its own,
 * allowed only the item reads, writes and key queries the edge makes (never Scan), and invoking
 * the builder Lambda (for previews, publishing and pictures), writing members' original pictures
 * and reading processed ones in the sites' bucket, nothing else. No access key is
 * created here, since its secret would be stored in CloudFormation: the operator creates one
 * with `aws iam create-access-key` and hands it to the Worker with `wrangler secret put`.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { User, type IUser } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { SiteStorage } from './site-storage';

export interface EdgeAccessProps {
  /** The neighborhood's table that the Worker reads and writes. */
  readonly table: ITable;
  /** The builder Lambda that the Worker invokes. */
  readonly builder: IFunction;
  /** The sites' bucket, where the Worker writes uploaded pictures (`SiteStorage.grantEdge`). */
  readonly storage: SiteStorage;
}

/** Everything the edge does to the table: item reads (single and batched), writes, and queries on keys. */
export const EDGE_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:DeleteItem',
  'dynamodb:UpdateItem',
  'dynamodb:Query',
] as const;

export class EdgeAccess extends Construct {
  readonly user: IUser;

  constructor(scope: Construct, id: string, props: EdgeAccessProps) {
    super(scope, id);
    this.user = new User(this, 'WorkerUser');
    props.table.grant(this.user, ...EDGE_TABLE_ACTIONS);
    props.builder.grantInvoke(this.user);
    props.storage.grantEdge(this.user);
  }
}
