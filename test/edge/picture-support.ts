/**
 * Helpers for the Pictures tests: an upload as a browser posts it (a
 * multipart form with the CSRF token and the chosen files), picture records
 * written straight through the data layer, and the real local bucket, read
 * and written with the same signing the Worker uses.
 */
import { SELF } from 'cloudflare:test';
import { AwsClient } from 'aws4fetch';
import { pictureRecord, type Picture } from '../../core/records/pictures';
import { ORIGIN, bindings, db } from './support';

export interface Chosen {
  name: string;
  bytes: Uint8Array;
  type?: string;
}

/** The first bytes of a JPEG, then `size` bytes in all: enough to pass the look at the door. */
export function jpegLike(size = 64): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}

export function postPictures(
  path: string,
  files: Chosen[],
  { cookie, csrf }: { cookie: string; csrf?: string },
) {
  const form = new FormData();
  if (csrf !== undefined) form.append('_csrf', csrf);
  for (const f of files) {
    form.append('pictures', new File([f.bytes], f.name, { type: f.type ?? 'image/jpeg' }));
  }
  return SELF.fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie },
    body: form,
  });
}

/** The browser's cookie header after `res`: `cookie` and the upload's outcome, if it set one. */
export function cookiesFrom(res: Response, cookie: string): string {
  const outcome = /nbhd_upload=([^;]*)/.exec(res.headers.get('set-cookie') ?? '');
  return outcome ? `${cookie}; nbhd_upload=${outcome[1]}` : cookie;
}

let counter = 0;

/** A picture record of `site`, as an upload would have left it. */
export async function storedPicture(
  site: string,
  changes: Partial<Picture> = {},
): Promise<Picture> {
  counter++;
  const now = new Date().toISOString();
  const picture: Picture = {
    id: `photo-${counter}`,
    site,
    description: '',
    fileName: `IMG_${counter}.jpg`,
    type: 'jpeg',
    upload: `upload-${String(counter).padStart(8, '0')}`,
    bytes: 3_000_000,
    key: counter.toString(16).padStart(16, '0'),
    width: 1200,
    height: 900,
    widths: [480, 960, 1200],
    fallback: 'jpeg',
    processedBytes: 400_000,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...changes,
  };
  await db.put(pictureRecord(picture));
  return picture;
}

const bucket = new AwsClient({
  accessKeyId: bindings.AWS_ACCESS_KEY_ID,
  secretAccessKey: bindings.AWS_SECRET_ACCESS_KEY,
  service: 's3',
  region: bindings.AWS_REGION,
});

/** Writes an object into the local sites' bucket. */
export async function putInBucket(key: string, body: Uint8Array, type: string): Promise<void> {
  const res = await bucket.fetch(`${bindings.SITES_BUCKET_URL}/${key}`, {
    method: 'PUT',
    headers: { 'content-type': type },
    body,
  });
  if (!res.ok) throw new Error(`PUT ${key}: ${res.status}`);
}

/** The keys in the local sites' bucket under `prefix`. */
export async function keysInBucket(prefix: string): Promise<string[]> {
  const res = await bucket.fetch(
    `${bindings.SITES_BUCKET_URL}?list-type=2&prefix=${encodeURIComponent(prefix)}`,
  );
  const xml = await res.text();
  return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
}
