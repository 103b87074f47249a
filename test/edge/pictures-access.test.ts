/**
 * Pictures belong to their site's owner: to anyone else the Pictures page,
 * a picture's files, its description form and its delete answer 404; and
 * the owner's thumbnails and preview pictures are the bucket's own files.
 */
import { describe, expect, it } from 'vitest';
import { getPicture } from '../../edge/db/pictures';
import { processedPictureKey } from '../../core/pictures';
import { siteOwner } from './item-support';
import { putInBucket, storedPicture } from './picture-support';
import { db, get, postForm } from './support';

describe('someone else’s pictures', () => {
  it('answer 404 to another member, for every way in', async () => {
    const owner = await siteOwner();
    const stranger = await siteOwner();
    const p = await storedPicture(owner.site.name);
    const file = `${p.key}-480.webp`;
    await putInBucket(
      processedPictureKey(owner.site.name, file),
      new Uint8Array([1, 2, 3]),
      'image/webp',
    );
    const base = `/sites/${owner.site.name}/pictures`;
    for (const path of [base, `${base}/files/${file}`, `${base}/${p.id}/delete`]) {
      expect((await get(path, { cookie: stranger.cookie })).status).toBe(404);
    }
    const form = { _csrf: stranger.csrf, version: '1', description: 'mine now' };
    expect((await postForm(`${base}/${p.id}`, form, { cookie: stranger.cookie })).status).toBe(404);
    const del = await postForm(
      `${base}/${p.id}/delete`,
      { _csrf: stranger.csrf },
      { cookie: stranger.cookie },
    );
    expect(del.status).toBe(404);
    expect(await getPicture(db, owner.site.name, p.id)).toMatchObject({ description: '' });
  });
});

describe('the owner’s picture files', () => {
  it('serves a processed file from the bucket, in the preview too, and nothing else', async () => {
    const owner = await siteOwner();
    const file = '00000000000000ab-480.webp';
    const bytes = new Uint8Array([82, 73, 70, 70, 9, 8, 7]);
    await putInBucket(processedPictureKey(owner.site.name, file), bytes, 'image/webp');
    for (const path of [
      `/sites/${owner.site.name}/pictures/files/${file}`,
      `/sites/${owner.site.name}/preview/_pictures/${file}`,
      `/sites/${owner.site.name}/preview/draft/some-draft/_pictures/${file}`,
    ]) {
      const res = await get(path, { cookie: owner.cookie });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    }
    for (const path of [
      `/sites/${owner.site.name}/pictures/files/00000000000000cd-480.webp`,
      `/sites/${owner.site.name}/pictures/files/..%2F..%2Fother%2Fx.webp`,
      `/sites/${owner.site.name}/pictures/files/notes.txt`,
    ]) {
      expect((await get(path, { cookie: owner.cookie })).status, path).toBe(404);
    }
  });
});
