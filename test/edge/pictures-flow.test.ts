/**
 * An upload from end to end in workerd, with the stack's real builder and
 * the local S3: a picture the builder can read gets its record and its
 * files, the same one again is refused naming the picture it already is,
 * and deleting it removes the record, the original and every processed file.
 */
import { describe, expect, it } from 'vitest';
import { getPicture } from '../../edge/db/pictures';
import { originalPictureKey, originalsPrefix } from '../../core/pictures';
import { siteOwner, type Owner } from './item-support';
import { cookiesFrom, keysInBucket, postPictures } from './picture-support';
import { db, get, postForm } from './support';

/** A real PNG of one green pixel. */
const DOT = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

const picturesOf = (owner: Owner) => `/sites/${owner.site.name}/pictures`;

async function pageAfter(owner: Owner, res: Response) {
  expect(res.status).toBe(303);
  const page = await get(picturesOf(owner), { cookie: cookiesFrom(res, owner.cookie) });
  return page.text();
}

describe('an upload the builder processes', () => {
  it('is added, refused a second time, and deleted with all its files', async () => {
    const owner = await siteOwner();
    const site = owner.site.name;
    const dot = [{ name: 'Dot.png', bytes: DOT, type: 'image/png' }];
    let html = await pageAfter(owner, await postPictures(picturesOf(owner), dot, owner));
    expect(html).toContain('Added dot.');
    const stored = await getPicture(db, site, 'dot');
    expect(stored).toMatchObject({
      type: 'png',
      fileName: 'Dot.png',
      description: '',
      width: 1,
      height: 1,
      widths: [1],
      bytes: DOT.byteLength,
      version: 1,
    });
    expect(await keysInBucket(originalsPrefix(site))).toEqual([
      originalPictureKey(site, stored!.upload),
    ]);
    expect(await keysInBucket(`sites/${site}/_pictures/`)).toHaveLength(2);
    const thumbnail = await get(`${picturesOf(owner)}/files/${stored!.key}-1.webp`, {
      cookie: owner.cookie,
    });
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');

    const again = [{ name: 'again.png', bytes: DOT, type: 'image/png' }];
    html = await pageAfter(owner, await postPictures(picturesOf(owner), again, owner));
    expect(html).toContain('again.png is already here, as dot');
    expect(await keysInBucket(originalsPrefix(site))).toHaveLength(1);

    const res = await postForm(
      `${picturesOf(owner)}/dot/delete`,
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${picturesOf(owner)}?deleted=dot`);
    expect(await getPicture(db, site, 'dot')).toBeUndefined();
    expect(await keysInBucket(originalsPrefix(site))).toEqual([]);
    expect(await keysInBucket(`sites/${site}/_pictures/`)).toEqual([]);
  });
});
