/**
 * The builder Lambda's entry point. The edge invokes it synchronously with
 * a `BuilderRequest` (see `core/builder-protocol.ts`): one file of a
 * member's preview (a picture of the site's from the bucket,
 * `preview-pictures.ts`), or one file of a template's sample site for the
 * gallery. Requests are checked at the door against the protocol's
 * schemas; one the builder does not understand is answered
 * `bad-request`, never guessed at. Unexpected failures (DynamoDB down, a
 * renderer bug) are thrown, so Lambda reports them as function errors.
 *
 * Configuration and the DynamoDB client are made on the first request and
 * kept for the life of the (warm) Lambda, like the render cache.
 *
 * Each request logs one line when it is answered (its kind, site, deploy,
 * how long it took and how it ended) or fails, and everything logged on
 * its way carries the same fields (`log.ts`).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  PREVIEW_FILE_LIMIT,
  parseBuilderRequest,
  type BuilderRequest,
  type BuilderResponse,
} from '../core/builder-protocol';
import { parseBuilderConfig, type BuilderConfig } from './config';
import { loadRenderInput, sampleRenderInput } from './load';
import { previewFile } from './preview';
import { previewPicture, previewPictureFile } from './preview-pictures';
import { publishingAnswer } from './publish';
import { RenderInputError } from './render';
import { errorFields, log, withLogFields, type LogFields } from './log';
import { kvsClient, type KvsClientOptions, type LivePointers } from './storage/live-pointer';
import { s3Client, type SiteBucket } from './storage/site-files';
import { builderVersion } from './version';

export interface BuilderServices {
  config: BuilderConfig;
  dynamo: DynamoDBClient;
  /** The sites' bucket and live pointers; absent when the neighborhood does not publish. */
  publishing?: { bucket: SiteBucket; pointers: LivePointers };
  /** The largest file an answer carries; `PREVIEW_FILE_LIMIT` unless a test lowers it. */
  fileLimit?: number;
}

/** The services for `config`; `credentials` only for a local DynamoDB (AWS uses the role's). */
export function builderServices(
  config: BuilderConfig,
  credentials?: DynamoDBClientConfig['credentials'],
): BuilderServices {
  const { publishing } = config;
  const keys = credentials as KvsClientOptions['credentials'];
  return {
    config,
    dynamo: new DynamoDBClient({
      region: config.region,
      ...(config.dynamoEndpoint && { endpoint: config.dynamoEndpoint }),
      ...(credentials && { credentials }),
      maxAttempts: 3,
    }),
    publishing: publishing && {
      bucket: {
        bucket: publishing.bucket,
        client: s3Client({
          region: config.region,
          endpoint: publishing.s3Endpoint,
          credentials: keys,
        }),
      },
      pointers: {
        arn: publishing.kvsArn,
        client: kvsClient({
          region: config.region,
          endpoint: publishing.kvsEndpoint,
          credentials: keys,
        }),
      },
    },
  };
}

async function answer(
  services: BuilderServices,
  request: BuilderRequest,
): Promise<BuilderResponse> {
  if (request.kind === 'version') return builderVersion();
  if (request.kind !== 'preview' && request.kind !== 'sample') {
    return publishingAnswer(services, request);
  }
  const { dynamo, config, fileLimit } = services;
  const picture = request.kind === 'preview' ? previewPictureFile(request.path) : undefined;
  if (request.kind === 'preview' && picture && services.publishing) {
    const file = await previewPicture(
      services.publishing.bucket,
      request.site,
      picture,
      request.path,
      fileLimit ?? PREVIEW_FILE_LIMIT,
    );
    if (file) return file;
  }
  try {
    const input =
      request.kind === 'preview'
        ? await loadRenderInput(dynamo, config, request.site, { draft: request.draft })
        : await sampleRenderInput(dynamo, config, request.template);
    if (!input) return { kind: 'no-site' };
    return await previewFile(input, request.path, fileLimit);
  } catch (error) {
    if (error instanceof RenderInputError) return { kind: 'invalid', problems: error.problems };
    throw error;
  }
}

/** What every line of `request` says about it: never a path, a draft or a person. */
function requestFields(request: BuilderRequest, requestId: string | undefined): LogFields {
  return {
    kind: request.kind,
    site: 'site' in request ? request.site : undefined,
    template: 'template' in request ? request.template : undefined,
    deployId: 'deploy' in request ? request.deploy : undefined,
    requestId,
  };
}

/** How an answer ended, in one word for its log line. */
function outcome(response: BuilderResponse): string {
  return 'state' in response ? response.state : response.kind;
}

/** The part of Lambda's context the handler reads. */
export interface InvocationContext {
  awsRequestId?: string;
}

/** A handler answering with `services` (made on first use, then kept). */
export function createHandler(services: () => BuilderServices) {
  let made: BuilderServices | undefined;
  return async (event: unknown, context?: InvocationContext): Promise<BuilderResponse> => {
    const request = parseBuilderRequest(event);
    if (typeof request === 'string') {
      log.warn('bad request', { detail: request, requestId: context?.awsRequestId });
      return { kind: 'bad-request', message: request };
    }
    return withLogFields(requestFields(request, context?.awsRequestId), async () => {
      const started = performance.now();
      const durationMs = () => Math.round(performance.now() - started);
      try {
        made ??= services();
        const response = await answer(made, request);
        log.info('answered', { outcome: outcome(response), durationMs: durationMs() });
        return response;
      } catch (error) {
        log.error('failed', { ...errorFields(error), durationMs: durationMs() });
        throw error;
      }
    });
  };
}

/** The Lambda handler, configured from the function's environment. */
export const handler = createHandler(() =>
  builderServices(parseBuilderConfig(process.env as Record<string, string | undefined>)),
);
