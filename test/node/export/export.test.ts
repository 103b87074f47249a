/**
 * A site's export, through the builder's handler, against dynalite and the
 * local S3: the ZIP holds the live deploy's files byte for byte, every
 * entry and page outside the trash (drafts too) as Markdown with front
 * matter, and the settings; an unpublished site gives its source only; it
 * waits outside `sites/`, and the signed address downloads it, for ten
 * minutes and not after.
 *
 * The local S3 (s3rver 3.7.1) checks a signed address's expiry and key id
 * but not its signature, and serves unsigned requests too, so "a tampered
 * address is refused" is S3's own promise, not one these tests can show.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { strFromU8, unzipSync } from 'fflate';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadUrl, EXPORT_URL_SECONDS } from '../../../builder/export/download';
import { packSite } from '../../../builder/export';
import { uploadSiteFiles, type SiteFile } from '../../../builder/storage/site-files';
import { siteKey, type Site, type SiteItem } from '../../../core/records/sites';
import { createItem, trashItem } from '../../../edge/db/items';
import { createSite } from '../../../edge/db/sites';
import { findTemplate } from '../../../templates';
import { defaultSettings } from '../../../templates/settings';
import { itemContent } from '../../support/item-content';
import { startExportFixture, type ExportFixture } from './support';

let f: ExportFixture;
let bees: Site;
let ready: SiteItem;
let draft: SiteItem;
let about: SiteItem;
let trashed: SiteItem;

const text = (s: string) => new TextEncoder().encode(s);
const liveFiles: SiteFile[] = [
  { path: 'index.html', body: text('<h1>Bees at number 12</h1>') },
  { path: 'posts/first-hive/index.html', body: text('<p>The first hive</p>') },
  { path: 'tags/café/index.html', body: text('<p>Café</p>') },
  { path: '.well-known/atproto-did', body: text('did:plc:exporter') },
  { path: 'logo.0123abcd4567.png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 7]) },
];

const ownerDid = 'did:plc:exporteraaaaaaaaaaaaaaaa';
const makeSite = (name: string) =>
  createSite(
    f.db,
    {
      name,
      ownerDid,
      template: 'blog',
      settings: { ...defaultSettings(findTemplate('blog')!.settings), title: `${name}: "home"` },
    },
    10,
  );

async function exportOf(name: string) {
  const answer = await f.handler({ kind: 'export', site: name });
  if (answer.kind !== 'export') throw new Error(`expected an export, got ${answer.kind}`);
  return answer;
}

beforeAll(async () => {
  f = await startExportFixture();
  bees = await makeSite('bees');
  ready = await createItem(
    f.db,
    'bees',
    itemContent({
      title: 'The first hive: "a start"',
      slug: 'first-hive',
      tags: ['bees', 'café'],
      summary: 'How it began.',
    }),
  );
  draft = await createItem(
    f.db,
    'bees',
    itemContent({ title: 'Swarm season', slug: 'swarm', status: 'draft', body: 'Not yet.' }),
  );
  about = await createItem(
    f.db,
    'bees',
    itemContent({ kind: 'page', title: 'About', slug: 'about', body: 'Me and my bees.' }),
  );
  trashed = await createItem(
    f.db,
    'bees',
    itemContent({ title: 'Gone', slug: 'gone', body: 'Thrown away.' }),
  );
  await trashItem(f.db, 'bees', trashed.id);
  await uploadSiteFiles(f.services.publishing.bucket, 'bees', 'deploy1', liveFiles);
  await f.db.update(siteKey('bees'), 'SET liveDeploy = :d', { values: { ':d': 'deploy1' } });
});
afterAll(() => f?.close());

describe('exporting a published site', () => {
  it('downloads from its address as a ZIP of the live files, the source and a README', async () => {
    const answer = await exportOf('bees');
    const res = await fetch(answer.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="bees.zip"');
    const zip = new Uint8Array(await res.arrayBuffer());
    expect(zip.byteLength).toBe(answer.bytes);

    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(
      [
        ...liveFiles.map((file) => `site/${file.path}`),
        'source/entries/first-hive.md',
        'source/entries/swarm.md',
        'source/pages/about.md',
        'source/settings.json',
        'README.txt',
      ].sort(),
    );
    for (const file of liveFiles) expect(files[`site/${file.path}`], file.path).toEqual(file.body);

    const first = matter(strFromU8(files['source/entries/first-hive.md']!));
    expect(first.data).toMatchObject({
      title: 'The first hive: "a start"',
      slug: 'first-hive',
      tags: ['bees', 'café'],
      status: 'ready',
      summary: 'How it began.',
      updated: ready.updatedAt,
    });
    expect(first.content.trim()).toBe(ready.body);
    const swarm = matter(strFromU8(files['source/entries/swarm.md']!));
    expect(swarm.data).toMatchObject({ title: draft.title, status: 'draft' });
    expect(matter(strFromU8(files['source/pages/about.md']!)).content.trim()).toBe(about.body);

    expect(JSON.parse(strFromU8(files['source/settings.json']!))).toEqual({
      site: 'bees',
      template: 'blog',
      settings: bees.settings,
    });
    const readme = strFromU8(files['README.txt']!);
    expect(readme).toContain(`${liveFiles.length} files`);
    expect(readme).toContain('2 entries and 1 pages (1 of them drafts');
  });

  it('keeps the ZIP outside the served sites/ folder, with a ten-minute address', async () => {
    const { url } = await exportOf('bees');
    const address = new URL(url);
    expect(address.pathname).toMatch(/^\/nbhd-sites-test\/exports\/bees\/[0-9a-f]{32}\.zip$/);
    expect(address.searchParams.get('X-Amz-Expires')).toBe(String(EXPORT_URL_SECONDS));
    expect(EXPORT_URL_SECONDS).toBe(600);
    const again = await exportOf('bees');
    expect(new URL(again.url).pathname).not.toBe(address.pathname);
  });

  it('gives the same bytes for the same site, each entry dated by its content', async () => {
    const once = await packSite(f.services, 'bees');
    const twice = await packSite(f.services, 'bees');
    expect(once).toEqual(twice);
  });
});

describe('the download address', () => {
  async function storedKey() {
    return decodeURIComponent(new URL((await exportOf('bees')).url).pathname).replace(
      '/nbhd-sites-test/',
      '',
    );
  }

  it('works until its ten minutes are up and is refused after', async () => {
    const key = await storedKey();
    const bucket = f.services.publishing.bucket;
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    const fresh = await downloadUrl(bucket, key, { signedAt: minutesAgo(9) });
    expect((await fetch(fresh)).status).toBe(200);
    const stale = await downloadUrl(bucket, key, { signedAt: minutesAgo(11) });
    const refused = await fetch(stale);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('expired');
  });
});

describe('exporting a site that is not published', () => {
  it('gives the source only, and says so', async () => {
    await makeSite('wasps');
    await createItem(f.db, 'wasps', itemContent({ title: 'Paper nests', slug: 'nests' }));
    const files = unzipSync(
      new Uint8Array(await (await fetch((await exportOf('wasps')).url)).arrayBuffer()),
    );
    expect(Object.keys(files).sort()).toEqual(
      ['README.txt', 'source/entries/nests.md', 'source/settings.json'].sort(),
    );
    expect(strFromU8(files['README.txt']!)).toContain('this site is not published');
  });

  it('answers no-site for a name nobody holds, and for a site being deleted', async () => {
    expect(await f.handler({ kind: 'export', site: 'nobody-here' })).toEqual({ kind: 'no-site' });
    await makeSite('closing');
    await f.db.update(siteKey('closing'), 'SET closedAt = :t', {
      values: { ':t': new Date().toISOString() },
    });
    expect(await f.handler({ kind: 'export', site: 'closing' })).toEqual({ kind: 'no-site' });
  });
});

describe('when the bucket is not there', () => {
  it('fails instead of answering an address that leads nowhere', async () => {
    const gone = await startExportFixture();
    try {
      await createSite(
        gone.db,
        { name: 'moths', ownerDid, template: 'blog', settings: bees.settings },
        10,
      );
      await gone.s3.close();
      await expect(gone.handler({ kind: 'export', site: 'moths' })).rejects.toThrow();
    } finally {
      await gone.close();
    }
  });
});

// The object's own headers, read with the SDK, match what the download sends.
it('stores the ZIP as an attachment named for the site', async () => {
  const { url } = await exportOf('bees');
  const key = decodeURIComponent(new URL(url).pathname).replace('/nbhd-sites-test/', '');
  const object = await f.services.publishing.bucket.client.send(
    new GetObjectCommand({ Bucket: 'nbhd-sites-test', Key: key }),
  );
  expect(object.ContentType).toBe('application/zip');
  expect(object.ContentDisposition).toBe('attachment; filename="bees.zip"');
});
