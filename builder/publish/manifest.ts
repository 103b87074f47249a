/**
 * What a build holds and what it changed. A build's manifest lists every
 * file with a short hash of its bytes, one `path hash` per line, and is
 * kept on its record, so the next build can say which pages were added,
 * changed or removed without reading the old files back from the bucket.
 * Only pages (`.html` files) are reported: a neighbor thinks in pages, and
 * every build rewrites the feeds and the sitemap anyway.
 */
import { createHash } from 'node:crypto';
import { CHANGES_LISTED, type DeployChanges } from '../../core/records/deploys';

/**
 * Beyond this a manifest is not kept (a record holds at most 400 KB); the
 * next build then reports no changes rather than failing. A site within its
 * bounds stays far below it.
 */
export const MANIFEST_LIMIT = 200 * 1024;

/** A short hash of a file's bytes: 64 bits of its SHA-256, plenty to tell versions apart. */
export const shortHash = (body: Uint8Array) =>
  createHash('sha256').update(body).digest('hex').slice(0, 16);

/** The manifest of `files`, sorted by path; undefined when it would be too large to keep. */
export function buildManifest(
  files: readonly { path: string; body: Uint8Array }[],
): string | undefined {
  const lines = files.map((f) => `${encodeURI(f.path)} ${shortHash(f.body)}`).sort();
  const text = lines.join('\n');
  return text.length > MANIFEST_LIMIT ? undefined : text;
}

/** A manifest as path → hash (paths decoded again). */
export function readManifest(manifest: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const line of manifest.split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space > 0) files.set(decodeURI(line.slice(0, space)), line.slice(space + 1));
  }
  return files;
}

const isPage = (path: string) => path.endsWith('.html');

/**
 * The pages that differ between the manifest `before` (undefined: nothing
 * was live, so every page is new) and `after`, each list cut to
 * `CHANGES_LISTED` with the whole counts kept beside them.
 */
export function pageChanges(before: string | undefined, after: string): DeployChanges {
  const old = before === undefined ? new Map<string, string>() : readManifest(before);
  const next = readManifest(after);
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [path, hash] of next) {
    if (!isPage(path)) continue;
    const was = old.get(path);
    if (was === undefined) added.push(path);
    else if (was !== hash) changed.push(path);
  }
  for (const path of old.keys()) if (isPage(path) && !next.has(path)) removed.push(path);
  const lists = [added, changed, removed].map((l) => l.sort());
  const cut = lists.some((l) => l.length > CHANGES_LISTED);
  return {
    added: added.slice(0, CHANGES_LISTED),
    changed: changed.slice(0, CHANGES_LISTED),
    removed: removed.slice(0, CHANGES_LISTED),
    ...(cut && {
      counts: { added: added.length, changed: changed.length, removed: removed.length },
    }),
  };
}
