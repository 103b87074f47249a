/**
 * What the operator runs after `npm run configure`, in order, with the real names filled in:
 * the Worker's AWS key, its secrets, the deploy, and the DNS records nothing else makes. The
 * commands are printed rather than run, because each one either shows a secret once or needs
 * the operator's own Cloudflare and AWS sign-in.
 */
import type { OperatorConfig } from '../../infra/operator-config';
import { PRODUCTION_ENV } from './production-env';
import type { StackOutputs } from './stack-outputs';

const env = `--env ${PRODUCTION_ENV}`;

/** The secrets and how each is made, in the order they are put. */
export const SECRET_COMMANDS = [
  `npx wrangler secret put AWS_ACCESS_KEY_ID ${env}`,
  `npx wrangler secret put AWS_SECRET_ACCESS_KEY ${env}`,
  `openssl rand -base64 32 | npx wrangler secret put SESSION_SECRET ${env}`,
  `npm run --silent oauth-key | npx wrangler secret put OAUTH_PRIVATE_KEY ${env}`,
];

/** The deploy itself. */
export const DEPLOY_COMMAND = `npx wrangler deploy ${env}`;

/** The DNS records, name then what, the sites' one only when Route 53 does not make it. */
export function dnsRecords(config: OperatorConfig, outputs: StackOutputs): string[] {
  const width = Math.max(config.domain.length, config.sitesAlias.length) + 2;
  const apex = `the Worker's custom domain: wrangler deploy makes it (the domain's zone must be in your Cloudflare account)`;
  const sites = config.aws.hostedZoneId
    ? `made by cdk deploy in Route 53 (hosted zone ${config.aws.hostedZoneId}), pointing at ${outputs.DistributionDomainName}`
    : `CNAME ${outputs.DistributionDomainName}  (at Cloudflare: DNS only, not proxied)`;
  const records = [config.domain.padEnd(width) + apex, config.sitesAlias.padEnd(width) + sites];
  if (!config.aws.certificateArn && !config.aws.hostedZoneId) {
    // ACM renews the certificate it made only while its validation record still answers.
    records.push(
      "Keep the certificate's validation CNAME (added while cdk deploy waited): ACM renews with it.",
    );
  }
  return records;
}

/** The printed steps, ready for the terminal. */
export function nextSteps(config: OperatorConfig, outputs: StackOutputs): string {
  const indent = (lines: string[]) => lines.map((line) => `     ${line}`);
  return [
    'Next, in this order (steps 1 and 2 only the first time, or to rotate a secret):',
    '',
    "  1. Make the Worker's AWS key (its IAM user comes from cdk deploy):",
    ...indent([`aws iam create-access-key --user-name ${outputs.EdgeUserName}`]),
    '  2. Store it (paste its AccessKeyId, then its SecretAccessKey) and the other secrets:',
    ...indent(SECRET_COMMANDS),
    `  3. Deploy the Worker ${config.cloudflare.workerName} to ${config.publicUrl}:`,
    ...indent([DEPLOY_COMMAND]),
    '  4. DNS:',
    ...indent(dnsRecords(config, outputs)),
    '',
  ].join('\n');
}
