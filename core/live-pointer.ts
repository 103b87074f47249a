/**
 * A site's live pointer as the CloudFront KeyValueStore holds it: the key is
 * the site's name, the value says which deploy visitors get. The builder
 * writes it with `livePointerValue` and the viewer-request function reads it
 * with `parseLivePointer`, so the format lives here once. Like
 * `site-address.ts` it is plain ES2020 with no imports at all: the function
 * (cloudfront-js-2.0) is bundled from it.
 *
 * The value is JSON, `{"deploy":"<deployId>"}`, rather than a bare id, so a
 * later need (a site taken offline, a per-site setting the function reads)
 * can add a field without a second lookup or a format change; it stays far
 * under the store's 1 KB per value. An unpublished or removed site has no
 * key at all; a value that does not parse is treated the same way.
 */

/** A deploy id: it becomes one segment of every S3 key of the deploy, so it stays URL-safe. */
export const DEPLOY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Where a deploy's files are, in the bucket: never written again once it is live. */
export const deployPrefix = (site: string, deployId: string) => `sites/${site}/${deployId}/`;

/** The store value that makes `deployId` the live deploy. */
export function livePointerValue(deployId: string): string {
  if (!DEPLOY_ID_PATTERN.test(deployId)) throw new Error(`Not a deploy id: ${deployId}`);
  return JSON.stringify({ deploy: deployId });
}

/** The live deploy id a store value names, or undefined when it names none. */
export function parseLivePointer(value: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const deploy = (parsed as { deploy?: unknown }).deploy;
  return typeof deploy === 'string' && DEPLOY_ID_PATTERN.test(deploy) ? deploy : undefined;
}
