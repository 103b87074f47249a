/**
 * The sites' files in a backup. Which deploys: each open site's live build
 * (a removed member's site too, offline until the removal is lifted, and
 * then served again); with `allDeploys`, also every earlier build its
 * history can still restore (went live, not pruned). A closing site is
 * being purged, so none of its files are copied. Each file is read once
 * from the bucket with the headers it is served with, saved at its key
 * under `files/`, and listed with its size and digests.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { deployPrefix } from '../../core/live-pointer';
import { toDeploy } from '../../core/records/deploys';
import { unmarshalItem, type AttributeValue } from '../../core/records/marshal';
import { toSite } from '../../core/records/sites';
import {
  FILES_DIR,
  isSiteFileKey,
  type DeployFiles,
  type FileEntry,
  type StoredItem,
} from './backup-format';
import { inPool } from './pool';

export interface DeployRef {
  site: string;
  deploy: string;
}

/** Gathers, item by item, which deploys' files a backup needs. */
export function deployChooser(allDeploys: boolean) {
  const live = new Map<string, string>();
  const open = new Set<string>();
  const restorable: DeployRef[] = [];
  return {
    see(item: StoredItem) {
      const sk = item.sk?.S ?? '';
      if (sk !== 'SITE' && !(allDeploys && sk.startsWith('DEPLOY#'))) return;
      const record = unmarshalItem(item as Record<string, AttributeValue>);
      const site = toSite(record);
      if (site) open.add(site.name);
      if (site?.liveDeploy) live.set(site.name, site.liveDeploy);
      const deploy = toDeploy(record);
      if (deploy?.kind === 'build' && deploy.state === 'live' && !deploy.prunedAt) {
        restorable.push({ site: deploy.site, deploy: deploy.id });
      }
    },
    /** The deploys to copy, sorted: the live ones, and (if asked) the restorable ones of open sites. */
    chosen(): DeployRef[] {
      const refs = new Map<string, DeployRef>();
      for (const [site, deploy] of live) refs.set(`${site}/${deploy}`, { site, deploy });
      for (const ref of restorable) {
        if (open.has(ref.site)) refs.set(`${ref.site}/${ref.deploy}`, ref);
      }
      return [...refs.values()].sort((a, b) =>
        `${a.site}/${a.deploy}` < `${b.site}/${b.deploy}` ? -1 : 1,
      );
    },
  };
}

async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

const digest = (algorithm: string, body: Uint8Array) =>
  createHash(algorithm).update(body).digest('hex');

export interface CopiedFiles {
  entries: FileEntry[];
  deploys: DeployFiles[];
  problems: string[];
}

/** Copies every file of `deploys` from the bucket into `out/files/`. */
export async function copyDeployFiles(
  s3: S3Client,
  bucket: string,
  deploys: readonly DeployRef[],
  out: string,
  { parallel = 8 } = {},
): Promise<CopiedFiles> {
  const result: CopiedFiles = { entries: [], deploys: [], problems: [] };
  for (const ref of deploys) {
    const keys = await listKeys(s3, bucket, deployPrefix(ref.site, ref.deploy));
    const unsafe = keys.filter((k) => !isSiteFileKey(k));
    if (keys.length === 0 || unsafe.length) {
      result.problems.push(
        keys.length === 0
          ? `${ref.site}: the files of deploy ${ref.deploy} are not in the bucket`
          : `${ref.site}: deploy ${ref.deploy} has files the backup cannot name safely (${unsafe[0]})`,
      );
      continue;
    }
    const entries: FileEntry[] = [];
    await inPool(keys, parallel, async (key) => {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = await object.Body!.transformToByteArray();
      const path = join(out, FILES_DIR, ...key.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
      entries.push({
        key,
        bytes: body.byteLength,
        md5: digest('md5', body),
        sha256: digest('sha256', body),
        contentType: object.ContentType,
        cacheControl: object.CacheControl,
      });
    });
    result.entries.push(...entries);
    result.deploys.push({
      ...ref,
      files: entries.length,
      bytes: entries.reduce((sum, e) => sum + e.bytes, 0),
    });
  }
  result.entries.sort((a, b) => (a.key < b.key ? -1 : 1));
  return result;
}
