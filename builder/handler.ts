/**
 * The builder Lambda's entry point. The edge invokes it synchronously with
 * a `BuilderRequest` (see `types.ts`): one file of a member's preview, or
 * one file of a template's sample site for the gallery. Requests are
 * checked at the door; one the builder does not understand is answered
 * `bad-request`, never guessed at. Unexpected failures (DynamoDB down, a
 * renderer bug) are thrown, so Lambda reports them as function errors.
 *
 * Configuration and the DynamoDB client are made on the first request and
 * kept for the life of the (warm) Lambda, like the render cache.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { SITE_NAME_PATTERN } from '../core/site-address';
import { templates } from '../templates';
import { parseBuilderConfig, type BuilderConfig } from './config';
import { loadRenderInput, sampleRenderInput } from './load';
import { previewFile } from './preview';
import { RenderInputError } from './render';
import type { BuilderRequest, BuilderResponse } from './types';

export interface BuilderServices {
  config: BuilderConfig;
  dynamo: DynamoDBClient;
}

/** The services for `config`; `credentials` only for a local DynamoDB (AWS uses the role's). */
export function builderServices(
  config: BuilderConfig,
  credentials?: DynamoDBClientConfig['credentials'],
): BuilderServices {
  return {
    config,
    dynamo: new DynamoDBClient({
      region: config.region,
      ...(config.dynamoEndpoint && { endpoint: config.dynamoEndpoint }),
      ...(credentials && { credentials }),
      maxAttempts: 3,
    }),
  };
}

const path = z
  .string({ required_error: 'path is missing' })
  .max(2000, 'path is too long')
  .startsWith('/', 'path must start with /');

const requestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('preview'),
    site: z
      .string({ required_error: 'site is missing' })
      .regex(SITE_NAME_PATTERN, 'site is not a site name'),
    path,
    draft: z.string().min(1).max(100).optional(),
  }),
  z.object({
    kind: z.literal('sample'),
    template: z.enum(templates.map((t) => t.id) as [string, ...string[]], {
      errorMap: () => ({ message: 'unknown template' }),
    }),
    path,
  }),
]);

/** The request `event` holds, or what is wrong with it. */
function parseRequest(event: unknown): BuilderRequest | string {
  if (!event || typeof event !== 'object' || Array.isArray(event)) {
    return 'the request must be a JSON object';
  }
  const parsed = requestSchema.safeParse(event);
  if (parsed.success) return parsed.data as BuilderRequest;
  const kind = (event as { kind?: unknown }).kind;
  if (parsed.error.issues[0]?.code === 'invalid_union_discriminator') {
    return `unknown request kind ${JSON.stringify(kind ?? null)}`;
  }
  return `malformed ${String(kind)} request: ${parsed.error.issues.map((i) => i.message).join('; ')}`;
}

async function answer(
  services: BuilderServices,
  request: BuilderRequest,
): Promise<BuilderResponse> {
  const { dynamo, config } = services;
  try {
    const input =
      request.kind === 'preview'
        ? await loadRenderInput(dynamo, config, request.site, { draft: request.draft })
        : await sampleRenderInput(dynamo, config, request.template);
    if (!input) return { kind: 'no-site' };
    return await previewFile(input, request.path);
  } catch (error) {
    if (error instanceof RenderInputError) return { kind: 'invalid', problems: error.problems };
    throw error;
  }
}

/** A handler answering with `services` (made on first use, then kept). */
export function createHandler(services: () => BuilderServices) {
  let made: BuilderServices | undefined;
  return async (event: unknown): Promise<BuilderResponse> => {
    const request = parseRequest(event);
    if (typeof request === 'string') return { kind: 'bad-request', message: request };
    made ??= services();
    return answer(made, request);
  };
}

/** The Lambda handler, configured from the function's environment. */
export const handler = createHandler(() =>
  builderServices(parseBuilderConfig(process.env as Record<string, string | undefined>)),
);
