/**
 * The live half of an export: every file of the deploy visitors get, read
 * back from the sites' bucket exactly as it is served. Keys are listed a
 * page at a time and fetched a few at a time, handing each file on as soon
 * as its turn comes, so only a handful of files are in memory at once
 * whatever the size of the site.
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { deployPrefix } from '../../core/live-pointer';
import type { SiteBucket } from '../storage/site-files';

export interface LiveFile {
  /** From the site's root: `index.html`, `posts/hello/index.html`. */
  path: string;
  body: Uint8Array;
  /** When it was uploaded. */
  time: Date;
}

/** How many files are fetched at once. */
const PARALLEL = 8;

/**
 * Calls `each` with every file of deploy `deployId` of `site`, in key
 * order; resolves with how many there were.
 */
export async function eachLiveFile(
  s3: SiteBucket,
  site: string,
  deployId: string,
  each: (file: LiveFile) => void,
): Promise<number> {
  const prefix = deployPrefix(site, deployId);
  let count = 0;
  let token: string | undefined;
  do {
    const page = await s3.client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix, ContinuationToken: token }),
    );
    const objects = page.Contents ?? [];
    for (let at = 0; at < objects.length; at += PARALLEL) {
      const batch = objects.slice(at, at + PARALLEL);
      const files = await Promise.all(
        batch.map(async (o): Promise<LiveFile> => {
          const object = await s3.client.send(
            new GetObjectCommand({ Bucket: s3.bucket, Key: o.Key! }),
          );
          return {
            path: o.Key!.slice(prefix.length),
            body: await object.Body!.transformToByteArray(),
            time: o.LastModified ?? object.LastModified ?? new Date(0),
          };
        }),
      );
      for (const file of files) each(file);
      count += files.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return count;
}
