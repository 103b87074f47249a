/**
 * The edge's builder client in its production configuration
 * (`BUILDER_URL=https://lambda.<region>.amazonaws.com`), against a strict
 * stand-in of the Lambda Invoke API at the fetch boundary: the real edge
 * code signs and sends, the stand-in checks the request as AWS would and
 * answers as AWS does, running the real builder handler on dynalite for a
 * synchronous preview.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseBuilderConfig } from '../../../builder/config';
import { builderServices, createHandler } from '../../../builder/handler';
import type { BuilderRequest, BuilderResponse } from '../../../core/builder-protocol';
import { BuilderError, invokeBuilder, queueBuilderRequest } from '../../../edge/builder';
import { parseConfig, type Env } from '../../../edge/env';
import { LOCAL_CREDENTIALS, type LocalDynamo } from '../../../scripts/local/dynamo';
import { freePort } from '../../../scripts/local/ports';
import { builderEnv, startBuilderFixture } from '../builder-support';
import { defaultLocalVars } from '../local-vars';
import { lambdaStandIn } from './lambda-stand-in';

const FUNCTION = 'Nbhd-BuilderFunction8C1D2E3F-AbCdEf012345';
const BUILDER_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG',
};

/** The Worker's configuration as `wrangler deploy` gives it in production. */
const production = (change: Partial<Env> = {}) =>
  parseConfig({
    ...(defaultLocalVars() as unknown as Env),
    PUBLIC_URL: 'https://oak.example',
    SITES_URL: 'https://oak.example',
    OAUTH_PRIVATE_KEY: '{"kty":"EC"}',
    ATPROTO_ALLOW_HTTP: 'false',
    AWS_REGION: 'us-east-1',
    BUILDER_URL: 'https://lambda.eu-west-1.amazonaws.com',
    BUILDER_FUNCTION: FUNCTION,
    BUILDER_ACCESS_KEY_ID: BUILDER_KEY.accessKeyId,
    BUILDER_SECRET_ACCESS_KEY: BUILDER_KEY.secretAccessKey,
    BUILDER_REGION: '',
    ADMIN_HANDLES: 'did:plc:adminadminadminadminadmi',
    ...change,
  });

let dynamo: LocalDynamo;
let handler: (event: unknown) => Promise<BuilderResponse>;
let lambda: ReturnType<typeof lambdaStandIn>;

beforeAll(async () => {
  ({ dynamo, handler } = await startBuilderFixture());
}, 60_000);
afterAll(() => dynamo?.close());

function useLambda(run: (event: unknown) => Promise<unknown> = handler) {
  lambda = lambdaStandIn({
    region: 'eu-west-1',
    functionName: FUNCTION,
    credentials: BUILDER_KEY,
    handler: run,
  });
  vi.stubGlobal('fetch', lambda.fetch);
}
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const preview: BuilderRequest = { kind: 'preview', site: 'bees', path: '/' };
const publish: BuilderRequest = { kind: 'publish', site: 'bees', deploy: 'd1' };

describe('a preview in production (RequestResponse)', () => {
  it('is a signed POST to the function’s invocations path in the builder’s region', async () => {
    useLambda();
    const answer = await invokeBuilder(production(), preview);
    expect(answer).toEqual(await handler(preview));
    expect(lambda.accepted).toHaveLength(1);
    const [call] = lambda.accepted;
    expect(call!.url.href).toBe(
      `https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/${FUNCTION}/invocations`,
    );
    expect(call!.type).toBe('RequestResponse');
    expect(call!.headers['content-type']).toBe('application/json');
    expect(call!.payload).toEqual(preview);
    // A header a proxy could change on the way is covered by the signature.
    expect(call!.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-invocation-type']));
  });

  it.each([
    ['for another region', { BUILDER_REGION: 'us-east-1' }],
    ['with another secret', { BUILDER_SECRET_ACCESS_KEY: 'not-the-builder-secret' }],
  ])('is refused when signed %s, and the edge calls it a builder error', async (_, change) => {
    useLambda();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(invokeBuilder(production(change), preview)).rejects.toBeInstanceOf(BuilderError);
    expect(lambda.accepted).toHaveLength(0);
    expect(lambda.received.length).toBeGreaterThan(0);
  });

  it('turns a function error into a builder error', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const broken = createHandler(() =>
      builderServices(parseBuilderConfig(builderEnv(dead)), LOCAL_CREDENTIALS),
    );
    useLambda(broken);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(invokeBuilder(production(), preview)).rejects.toBeInstanceOf(BuilderError);
    expect(lambda.accepted).toHaveLength(1);
  });

  it('tells the person the builder failed when Lambda keeps throttling, after one retry', async () => {
    useLambda();
    lambda.throttle(5);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(invokeBuilder(production(), preview)).rejects.toBeInstanceOf(BuilderError);
    expect(lambda.received).toHaveLength(2);
  });
});

describe('a publish in production (Event)', () => {
  it('is queued with an Event invocation and accepted with 202, without running', async () => {
    let ran = 0;
    useLambda(async (event) => {
      ran++;
      return handler(event);
    });
    await queueBuilderRequest(production(), publish);
    expect(lambda.accepted).toHaveLength(1);
    expect(lambda.accepted[0]!.type).toBe('Event');
    expect(lambda.accepted[0]!.payload).toEqual(publish);
    expect(lambda.accepted[0]!.url.pathname).toBe(`/2015-03-31/functions/${FUNCTION}/invocations`);
    expect(ran).toBe(0);
  });

  it('is tried once more after a throttle, and queued when the second try is accepted', async () => {
    useLambda();
    lambda.throttle(1);
    await queueBuilderRequest(production(), publish);
    expect(lambda.received).toHaveLength(2);
    expect(lambda.accepted).toHaveLength(1);
  });

  it.each([
    ['throttled (429)', (l: typeof lambda) => l.throttle(5)],
    ['failing (500)', (l: typeof lambda) => l.fail(5)],
  ])('becomes a builder error when Lambda keeps %s, after one retry', async (_, fault) => {
    useLambda();
    fault(lambda);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(queueBuilderRequest(production(), publish)).rejects.toBeInstanceOf(BuilderError);
    // One retry and no more: each try spends one of the Worker's subrequests.
    expect(lambda.received).toHaveLength(2);
    expect(lambda.accepted).toHaveLength(0);
  });
});
