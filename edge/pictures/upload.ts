/**
 * An upload of pictures, from the posted files to the site's records. The
 * bytes come through the Worker (one multipart form carries several files,
 * with or without JavaScript; a presigned S3 POST takes one file per form):
 * every file is checked at the door (how many, how large, what its first
 * bytes say it is) before anything is stored; the accepted originals go to
 * the private `originals/` folder of the bucket; the builder decodes each
 * one, refuses what is not a picture it can read (deleting it again) and
 * makes the rest into their widths; then the edge writes one record per
 * picture. The same photo uploaded twice is refused, naming the picture it
 * already is. If the builder cannot be reached, the originals are let go
 * and nothing is added.
 */
import type { PicturesRequest } from '../../core/builder-protocol';
import { baseName, lookAt, uploadProblem, type ChosenFile } from '../../core/forms/pictures';
import { originalPictureKey, pictureIdFromName, type ImageType } from '../../core/pictures';
import { pictureUsage, type Picture } from '../../core/records/pictures';
import { BuilderFailure, invokeBuilder } from '../builder';
import type { SiteContext } from '../context';
import { addPicture, listPictures } from '../db/pictures';
import { putObject } from '../storage/bucket';
import type { UploadOutcome } from '../../views/pages/sites/pictures';

/**
 * How long the builder may take to process one upload: up to ten phone
 * photos, one after another, each about half a second (`npm run bench`),
 * with room for a cold start and for the largest pictures allowed. The
 * builder itself may run for two minutes; a neighbor should not wait that.
 */
export const PICTURES_TIMEOUT_MS = 60_000;

interface Accepted {
  file: File;
  name: string;
  type: ImageType;
  upload: string;
}

/** A fresh upload id: 16 random bytes, base64url. */
function uploadId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const contentTypes: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  avif: 'image/avif',
};

/** Asks the builder to delete originals it will not need; a failure only leaves a private file. */
async function letGo(c: SiteContext, pictures: { upload: string; key?: string }[]) {
  if (pictures.length === 0) return;
  try {
    await invokeBuilder(c.get('config'), {
      kind: 'forget-pictures',
      site: c.get('site').name,
      pictures,
    });
  } catch (error) {
    if (!(error instanceof BuilderFailure)) throw error;
  }
}

/** What an upload did, or the one problem that stopped all of it. */
export type UploadResult = { outcome: UploadOutcome } | { problem: string };

export async function uploadPictures(c: SiteContext, files: File[]): Promise<UploadResult> {
  const db = c.get('db');
  const config = c.get('config');
  const site = c.get('site');
  const existing = await listPictures(db, site.name);
  const chosen: (ChosenFile & { file: File })[] = await Promise.all(
    files.map(async (file) => ({
      file,
      name: baseName(file.name),
      bytes: file.size,
      head: new Uint8Array(await file.slice(0, 32).arrayBuffer()),
    })),
  );
  const whole = uploadProblem(chosen, pictureUsage(existing));
  if (whole) return { problem: whole };

  const problems: string[] = [];
  const accepted: Accepted[] = [];
  for (const file of chosen) {
    const looked = lookAt(file);
    if ('problem' in looked) {
      problems.push(looked.problem);
      continue;
    }
    accepted.push({ file: file.file, name: file.name, type: looked.type, upload: uploadId() });
  }
  if (accepted.length === 0) return { outcome: { added: [], problems } };

  for (const a of accepted) {
    await putObject(
      config,
      originalPictureKey(site.name, a.upload),
      await a.file.arrayBuffer(),
      contentTypes[a.type],
    );
  }
  const request: PicturesRequest = {
    kind: 'pictures',
    site: site.name,
    uploads: accepted.map((a) => ({ upload: a.upload, name: a.name })),
  };
  let answer;
  try {
    answer = await invokeBuilder(config, request, { timeoutMs: PICTURES_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof BuilderFailure)) throw error;
    await letGo(
      c,
      accepted.map((a) => ({ upload: a.upload })),
    );
    return {
      problem:
        'The pictures could not be made ready just now, so none was added. Nothing is lost: try again in a minute.',
    };
  }

  const byUpload = new Map(accepted.map((a) => [a.upload, a]));
  const taken = new Set(existing.map((p) => p.id));
  const keys = new Map(existing.map((p) => [p.key, p.id]));
  const added: string[] = [];
  const unwanted: { upload: string; key?: string }[] = [];
  const now = new Date().toISOString();
  for (const result of answer.results) {
    const chosenFile = byUpload.get(result.upload);
    if (!chosenFile) continue;
    if (result.outcome === 'refused') {
      problems.push(result.problem);
      continue;
    }
    const same = keys.get(result.key);
    if (same) {
      problems.push(`${chosenFile.name} is already here, as ${same}`);
      unwanted.push({ upload: result.upload });
      continue;
    }
    let stored: Picture | undefined;
    // Another upload may take an id between reading the list and writing: pick again.
    for (let attempt = 0; attempt < 3 && !stored; attempt++) {
      const id = pictureIdFromName(chosenFile.name, taken);
      taken.add(id);
      const picture: Picture = {
        id,
        site: site.name,
        description: '',
        fileName: chosenFile.name,
        type: result.type,
        upload: result.upload,
        bytes: result.bytes,
        key: result.key,
        width: result.width,
        height: result.height,
        widths: result.widths,
        fallback: result.fallback,
        processedBytes: result.processedBytes,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      if (await addPicture(db, picture)) stored = picture;
    }
    if (!stored) {
      problems.push(`${chosenFile.name} could not be added just now; try again`);
      unwanted.push({ upload: result.upload });
      continue;
    }
    keys.set(stored.key, stored.id);
    added.push(stored.id);
  }
  await letGo(c, unwanted);
  return { outcome: { added, problems } };
}
