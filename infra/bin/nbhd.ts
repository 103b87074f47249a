/**
 * The CDK app entry (`npx cdk deploy` runs it through `cdk.json`). This is the only place that
 * reads the environment: `NBHD_STACK_NAME` names the stack (default `Nbhd`), so one AWS account
 * can hold more than one neighborhood. The stack is environment-agnostic and needs no AWS
 * credentials to synthesize.
 */
import { App } from 'aws-cdk-lib';
import { NbhdStack } from '../stacks/nbhd-stack';

const app = new App();
new NbhdStack(app, process.env.NBHD_STACK_NAME || 'Nbhd', {
  description: 'nbhd: a self-hosted neighborhood website (data and edge access)',
});
