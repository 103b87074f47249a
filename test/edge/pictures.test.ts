/**
 * A site's Pictures page: the limits said in words and kept by the server
 * (how many at a time, how large, how many and how much a site holds), a
 * file that is not a picture named and nothing of it kept, the upload's
 * CSRF token, descriptions saved with the version they were opened at,
 * and the question before a delete naming the entries that use it.
 */
import { describe, expect, it } from 'vitest';
import { createItem } from '../../edge/db/items';
import { getPicture } from '../../edge/db/pictures';
import { MB, originalsPrefix, pictureLimits } from '../../core/pictures';
import { escaped, siteOwner, type Owner } from './item-support';
import {
  cookiesFrom,
  jpegLike,
  keysInBucket,
  postPictures,
  storedPicture,
} from './picture-support';
import { db, get, postForm } from './support';

const picturesOf = (owner: Owner) => `/sites/${owner.site.name}/pictures`;

async function page(owner: Owner, cookie = owner.cookie) {
  const res = await get(picturesOf(owner), { cookie });
  expect(res.status).toBe(200);
  return res.text();
}

describe('the Pictures page', () => {
  it('states the limits and offers a multipart form that takes several pictures', async () => {
    const owner = await siteOwner();
    await storedPicture(owner.site.name, { bytes: 5 * MB });
    const html = await page(owner);
    expect(html).toContain('Up to 10 at a time, each up to 20 MB');
    expect(html).toContain('This site holds 1 picture (5 MB) of the 100 pictures and 500 MB');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(
      /<input type="file" id="pictures" name="pictures" accept="image\/\*" multiple/,
    );
    expect(html).toContain(`name="_csrf" value="${owner.csrf}"`);
  });

  it('is linked from the dashboard', async () => {
    const owner = await siteOwner();
    const html = await (await get(`/sites/${owner.site.name}`, { cookie: owner.cookie })).text();
    expect(html).toContain(`href="${picturesOf(owner)}">Pictures</a>`);
  });

  it('shows each picture with its description, the text for a post and a delete link', async () => {
    const owner = await siteOwner();
    const p = await storedPicture(owner.site.name, {
      id: 'sungold',
      description: 'A ripe Sungold',
    });
    const html = await page(owner);
    expect(html).toContain(`src="/sites/${owner.site.name}/pictures/files/${p.key}-480.webp"`);
    expect(html).toContain('width="480" height="360"');
    expect(html).toContain('value="![A ripe Sungold](picture:sungold)"');
    expect(html).toContain(`href="/sites/${owner.site.name}/pictures/sungold/delete"`);
  });
});

describe('uploading', () => {
  it('names a file that is not a picture, keeps nothing of it and says so once', async () => {
    const owner = await siteOwner();
    const text = new TextEncoder().encode('not a photo at all, just words');
    const res = await postPictures(
      picturesOf(owner),
      [{ name: 'IMG_0001.jpg', bytes: text }],
      owner,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(picturesOf(owner));
    const cookie = cookiesFrom(res, owner.cookie);
    const html = await page(owner, cookie);
    expect(html).toContain('1 file was not added');
    expect(html).toContain('IMG_0001.jpg is not a picture nbhd can read');
    expect(html).toContain('No pictures yet.');
    expect(await keysInBucket(originalsPrefix(owner.site.name))).toEqual([]);
  });

  it('takes the file name without the folders a browser may send', async () => {
    const owner = await siteOwner();
    const bytes = new TextEncoder().encode('plain words');
    const res = await postPictures(
      picturesOf(owner),
      [{ name: '/home/al/notes.jpg', bytes }],
      owner,
    );
    const html = await page(owner, cookiesFrom(res, owner.cookie));
    expect(html).toContain('notes.jpg is not a picture');
    expect(html).not.toContain('/home/al');
  });

  it('refuses more pictures at a time than the limit, adding none', async () => {
    const owner = await siteOwner();
    const files = Array.from({ length: pictureLimits.perUpload + 1 }, (_, i) => ({
      name: `p${i}.jpg`,
      bytes: jpegLike(),
    }));
    const res = await postPictures(picturesOf(owner), files, owner);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('That is 11 pictures; choose up to 10 at a time.');
    expect(await keysInBucket(originalsPrefix(owner.site.name))).toEqual([]);
  });

  it('refuses a picture over the size limit by name', async () => {
    const owner = await siteOwner();
    const big = jpegLike(pictureLimits.fileBytes + 1);
    const res = await postPictures(picturesOf(owner), [{ name: 'huge.jpg', bytes: big }], owner);
    const html = await page(owner, cookiesFrom(res, owner.cookie));
    expect(html).toContain('huge.jpg is 20.1 MB; a picture may be up to 20 MB');
    expect(await keysInBucket(originalsPrefix(owner.site.name))).toEqual([]);
  });

  it('refuses what a full site has no room for: pictures, then bytes', async () => {
    const full = await siteOwner();
    for (let i = 0; i < pictureLimits.perSite; i++)
      await storedPicture(full.site.name, { bytes: 1 });
    let res = await postPictures(picturesOf(full), [{ name: 'one.jpg', bytes: jpegLike() }], full);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('This site holds 100 pictures already');

    const heavy = await siteOwner();
    await storedPicture(heavy.site.name, { bytes: pictureLimits.siteBytes - MB });
    res = await postPictures(
      picturesOf(heavy),
      [{ name: 'two.jpg', bytes: jpegLike(2 * MB) }],
      heavy,
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(
      'These pictures are 2 MB, more than the 1 MB this site has left',
    );
    expect(await keysInBucket(originalsPrefix(heavy.site.name))).toEqual([]);
  });

  it('lets several phone photos through the body limit, and names the most one upload sends', async () => {
    const owner = await siteOwner();
    const photo = (name: string) => ({ name, bytes: new Uint8Array(8 * MB).fill(32) });
    let res = await postPictures(picturesOf(owner), [photo('a.jpg'), photo('b.jpg')], owner);
    expect(res.status).toBe(303);
    const html = await page(owner, cookiesFrom(res, owner.cookie));
    expect(html).toContain('2 files were not added');
    const many = ['1', '2', '3', '4', '5', '6', '7', '8'].map((n) => photo(`${n}.jpg`));
    res = await postPictures(picturesOf(owner), many, owner);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('One upload can send up to 60 MB of pictures');
  });

  it('asks for a file when none was chosen', async () => {
    const owner = await siteOwner();
    const res = await postPictures(picturesOf(owner), [], owner);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Choose at least one picture to upload.');
  });

  it('refuses an upload without its CSRF token, or with another session’s', async () => {
    const owner = await siteOwner();
    const other = await siteOwner();
    for (const csrf of [undefined, other.csrf]) {
      const res = await postPictures(picturesOf(owner), [{ name: 'a.jpg', bytes: jpegLike() }], {
        cookie: owner.cookie,
        csrf,
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('That form has expired');
    }
    expect(await keysInBucket(originalsPrefix(owner.site.name))).toEqual([]);
  });
});

describe('descriptions', () => {
  it('saves a description and redirects to the picture', async () => {
    const owner = await siteOwner();
    const p = await storedPicture(owner.site.name);
    const res = await postForm(
      `${picturesOf(owner)}/${p.id}`,
      { _csrf: owner.csrf, version: '1', description: '  Tomatoes on the sill ' },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${picturesOf(owner)}?saved=${p.id}#picture-${p.id}`);
    const saved = await getPicture(db, owner.site.name, p.id);
    expect(saved).toMatchObject({ description: 'Tomatoes on the sill', version: 2 });
  });

  it('keeps a too-long description on the page with the problem named', async () => {
    const owner = await siteOwner();
    const p = await storedPicture(owner.site.name);
    const long = 'word '.repeat(120);
    const res = await postForm(
      `${picturesOf(owner)}/${p.id}`,
      { _csrf: owner.csrf, version: '1', description: long },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('A description may be up to 500 characters');
    expect(html).toContain(long.trimEnd());
    expect((await getPicture(db, owner.site.name, p.id))!.description).toBe('');
  });

  it('does not overwrite a description saved in another tab, and keeps the text', async () => {
    const owner = await siteOwner();
    const p = await storedPicture(owner.site.name);
    const post = (description: string) =>
      postForm(
        `${picturesOf(owner)}/${p.id}`,
        { _csrf: owner.csrf, version: '1', description },
        { cookie: owner.cookie },
      );
    expect((await post('First tab')).status).toBe(303);
    const res = await post('Second tab');
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('was changed in another tab');
    expect(html).toContain('Second tab');
    expect((await getPicture(db, owner.site.name, p.id))!.description).toBe('First tab');
  });
});

describe('deleting', () => {
  it('names the entries and pages that use the picture before deleting it', async () => {
    const owner = await siteOwner();
    const p = await storedPicture(owner.site.name, { id: 'sungold' });
    const content = {
      kind: 'entry' as const,
      title: 'Harvest',
      slug: 'harvest',
      date: '2026-08-01',
      tags: [],
      summary: '',
      status: 'ready' as const,
    };
    await createItem(db, owner.site.name, {
      ...content,
      body: 'Look: ![](picture:sungold)',
    } as never);
    await createItem(db, owner.site.name, {
      ...content,
      title: 'Other',
      slug: 'other',
      body: 'Not this one: ![](picture:sungold-2)',
    } as never);
    const res = await get(`${picturesOf(owner)}/${p.id}/delete`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Delete the picture sungold?');
    expect(html).toContain('This is using it');
    expect(html).toContain('>Harvest</a>');
    expect(html).not.toContain('>Other</a>');
    expect(html).toContain(escaped('Delete sungold'));
  });
});
