/**
 * Which deploy of a site is live: one key per site in the CloudFront
 * KeyValueStore that the sites' viewer function reads, so switching a site
 * to a new deploy (or back to an old one) is one small write, not a copy.
 *
 * The key is the site's name; the value is written and read as the core
 * says (`core/live-pointer.ts`), the one format the viewer function reads
 * too. Every write to the store must name its
 * current ETag; when another writer got there first the store answers
 * `ConflictException`, and the write is retried a bounded number of times
 * with the fresh ETag (writes to different sites never really conflict).
 */
// The store is only reachable with SigV4A; without this the client cannot sign at all.
import '@aws-sdk/signature-v4a';
import { Agent } from 'node:http';
import { lookup } from 'node:dns';
import { DEPLOY_ID_PATTERN, livePointerValue, parseLivePointer } from '../../core/live-pointer';
import {
  CloudFrontKeyValueStoreClient,
  ConflictException,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';

export interface LivePointers {
  client: CloudFrontKeyValueStoreClient;
  /** The KeyValueStore's ARN. */
  arn: string;
  /** How many times a write is tried when other writers keep changing the store. */
  attempts?: number;
}

export class LivePointerError extends Error {
  override name = 'LivePointerError';
}

export interface KvsClientOptions {
  region: string;
  /**
   * Only for the local store (`http://localhost:PORT`). The client puts the
   * store's account in front of the host, as in AWS; names under
   * `localhost` are loopback, so they are resolved to 127.0.0.1 here.
   */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** A KeyValueStore client for AWS, or for the local store when `endpoint` is given. */
export function kvsClient({
  region,
  endpoint,
  credentials,
}: KvsClientOptions): CloudFrontKeyValueStoreClient {
  if (!endpoint) return new CloudFrontKeyValueStoreClient({ region, credentials });
  const httpAgent = new Agent({
    keepAlive: true,
    lookup: (hostname, options, callback) =>
      hostname.endsWith('.localhost')
        ? lookup('127.0.0.1', options, callback)
        : lookup(hostname, options, callback),
  });
  return new CloudFrontKeyValueStoreClient({
    region,
    endpoint,
    credentials,
    requestHandler: { httpAgent },
  });
}

/** The deploy id live for `site`, or undefined when the site has none. */
export async function readLivePointer(
  store: LivePointers,
  site: string,
): Promise<string | undefined> {
  try {
    const { Value } = await store.client.send(new GetKeyCommand({ KvsARN: store.arn, Key: site }));
    return Value === undefined ? undefined : parseLivePointer(Value);
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Runs `write` with the store's current ETag, again with a fresh one after each conflict. */
async function withFreshEtag(
  store: LivePointers,
  what: string,
  write: (etag: string) => Promise<void>,
) {
  const attempts = store.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const { ETag } = await store.client.send(
      new DescribeKeyValueStoreCommand({ KvsARN: store.arn }),
    );
    try {
      return await write(ETag!);
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      if (attempt >= attempts) {
        throw new LivePointerError(`${what}: the store kept changing (${attempts} attempts)`);
      }
    }
  }
}

/** Makes `deployId` the live deploy of `site`. */
export async function setLivePointer(
  store: LivePointers,
  site: string,
  deployId: string,
): Promise<void> {
  if (!DEPLOY_ID_PATTERN.test(deployId))
    throw new LivePointerError(`not a deploy id: "${deployId}"`);
  await withFreshEtag(store, `pointing ${site} at ${deployId}`, async (etag) => {
    await store.client.send(
      new PutKeyCommand({
        KvsARN: store.arn,
        Key: site,
        Value: livePointerValue(deployId),
        IfMatch: etag,
      }),
    );
  });
}

/** Takes `site` offline: no deploy is live. Nothing to do when none was. */
export async function clearLivePointer(store: LivePointers, site: string): Promise<void> {
  await withFreshEtag(store, `taking ${site} offline`, async (etag) => {
    try {
      await store.client.send(
        new DeleteKeyCommand({ KvsARN: store.arn, Key: site, IfMatch: etag }),
      );
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  });
}
