/**
 * No policy in any stack allows more than its resource needs: across the ways an operator can
 * compose the stacks, every statement that allows something names its actions (no `*`, no
 * `s3:Get*`), a resource narrower than everything (no `*`, no whole bucket's objects), and a
 * principal narrower than anyone. CDK's own helpers (cross-region references, the error page's
 * custom resource) are held to the same rule.
 */
import { describe, expect, it } from 'vitest';
import { allStacks, everyStatement, synth, type Statement } from './support';
import { Template } from 'aws-cdk-lib/assertions';

/** What is too broad in an Allow statement, in words; nothing for a narrow one. */
function tooBroad(statement: Statement): string[] {
  if (statement.Effect !== 'Allow') return []; // A Deny may be as broad as it likes.
  const found: string[] = [];
  for (const action of [statement.Action].flat()) {
    if (action.includes('*')) found.push(`action ${action}`);
  }
  for (const resource of [statement.Resource].flat()) {
    if (resource === '*') found.push('resource *');
    const join = (resource as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
    const parts = join?.[1];
    // `<bucket ARN>/*`: every object of a bucket.
    if (parts?.length === 2 && typeof parts[0] === 'object' && parts[1] === '/*') {
      found.push(`resource ${JSON.stringify(resource)}`);
    }
  }
  const principal = statement.Principal as { AWS?: unknown } | string | undefined;
  if (principal === '*' || (typeof principal === 'object' && principal.AWS === '*')) {
    found.push('principal *');
  }
  return found;
}

describe('every policy in every stack', () => {
  it.each([
    ['the sites’ certificate in its own stack', {}],
    [
      'everything in us-east-1, with a Route 53 zone',
      { region: 'us-east-1', hostedZoneId: 'Z0ABC' },
    ],
    [
      'the operator’s certificate',
      {
        certificateArn:
          'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
      },
    ],
  ])('names its actions, resources and principals narrowly: %s', async (_, aws) => {
    const { stacks } = await synth(aws);
    let checked = 0;
    for (const stack of allStacks(stacks)) {
      for (const { resource, statement } of everyStatement(Template.fromStack(stack))) {
        expect(tooBroad(statement), `${stack.stackName} ${resource}`).toEqual([]);
        checked++;
      }
    }
    // The builder's, the Worker's, the bucket's and the helpers' statements were all seen.
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('would notice a broad grant', () => {
    const bucket = { 'Fn::GetAtt': ['Bucket', 'Arn'] };
    expect(
      tooBroad({
        Effect: 'Allow',
        Action: ['s3:GetObject*', 's3:PutObject'],
        Resource: [bucket, { 'Fn::Join': ['', [bucket, '/*']] }],
      }),
    ).toEqual(['action s3:GetObject*', expect.stringMatching(/^resource .*\/\*/)]);
    expect(
      tooBroad({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Principal: '*' }),
    ).toEqual(['resource *', 'principal *']);
    expect(
      tooBroad({ Effect: 'Deny', Action: 's3:*', Resource: '*', Principal: { AWS: '*' } }),
    ).toEqual([]);
  });
});
