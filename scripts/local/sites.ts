/**
 * The local site host wired to the local AWS stand-ins, as CloudFront is to
 * AWS: the viewer-request function (built from its own source, for
 * `*.localhost`) reads live pointers from the local KeyValueStore through
 * the real SigV4A-signed client, and files come from the local S3's sites
 * bucket. So `http://<name>.localhost:PORT` shows exactly what the
 * production routing would show for the same store and bucket.
 */
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { GetKeyCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { kvsClient } from '../../builder/storage/live-pointer';
import { s3Client } from '../../builder/storage/site-files';
import { startLocalSiteHost, type LocalSiteHost } from '../../hosting/local-host';
import { buildSiteFunction, LOCAL_HOME_URL } from '../build-site-function.mjs';
import { LOCAL_REGION } from './dynamo';

export interface LocalSitesOptions {
  port: number;
  s3: { endpoint: string; bucket: string };
  kvs: { endpoint: string; arn: string };
  credentials: { accessKeyId: string; secretAccessKey: string };
  region?: string;
  /** The front page the not-found page links to: the local edge. */
  homeUrl?: string;
}

export async function startLocalSites(options: LocalSitesOptions): Promise<LocalSiteHost> {
  const region = options.region ?? LOCAL_REGION;
  const kvs = kvsClient({
    region,
    endpoint: options.kvs.endpoint,
    credentials: options.credentials,
  });
  const s3 = s3Client({ region, endpoint: options.s3.endpoint, credentials: options.credentials });
  return startLocalSiteHost({
    port: options.port,
    source: await buildSiteFunction('localhost', options.homeUrl ?? LOCAL_HOME_URL),
    store: {
      // The raw value, as the function's `kvs().get()` sees it.
      async get(key) {
        try {
          const answer = await kvs.send(new GetKeyCommand({ KvsARN: options.kvs.arn, Key: key }));
          return answer.Value;
        } catch (error) {
          if (error instanceof ResourceNotFoundException) return undefined;
          throw error;
        }
      },
    },
    origin: {
      async get(key) {
        try {
          const object = await s3.send(
            new GetObjectCommand({ Bucket: options.s3.bucket, Key: key }),
          );
          return {
            body: await object.Body!.transformToByteArray(),
            contentType: object.ContentType ?? 'application/octet-stream',
            cacheControl: object.CacheControl,
          };
        } catch (error) {
          if (error instanceof NoSuchKey) return undefined;
          throw error;
        }
      },
    },
  });
}
