/**
 * `POST /sites/:name/export` in workerd, against the real table and the
 * stack's real builder and local S3: the owner is sent to an address that
 * downloads their site's ZIP; anyone else gets 404; a form without its
 * CSRF token is refused; a member past the hourly limit is told so; a
 * builder that cannot be reached gives a page saying nothing changed.
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { app } from '../../edge/app';
import { createItem } from '../../edge/db/items';
import { counterKey, limits } from '../../edge/db/rate-limit';
import type { Site } from '../../core/records/sites';
import { itemContent } from '../support/item-content';
import { createTestSite } from './site-support';
import { bindings, db, get, ORIGIN, postForm, signIn, type SignedIn } from './support';

let owner: SignedIn;
let site: Site;
const exportPath = () => `/sites/${site.name}/export`;

beforeAll(async () => {
  owner = await signIn({}, 'member');
  site = await createTestSite(owner.member.did);
  await createItem(db, site.name, itemContent({ title: 'Hello: "there"', slug: 'hello' }));
  await createItem(db, site.name, itemContent({ title: 'Soon', slug: 'soon', status: 'draft' }));
});

describe('POST /sites/:name/export', () => {
  it('sends the owner to an address that downloads the site as a ZIP', async () => {
    const res = await postForm(exportPath(), { _csrf: owner.csrf }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const download = await fetch(res.headers.get('location')!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${site.name}.zip"`,
    );
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'source/entries/hello.md',
      'source/entries/soon.md',
      'source/settings.json',
    ]);
    expect(strFromU8(files['source/entries/hello.md']!)).toContain('title: "Hello: \\"there\\""');
    expect(JSON.parse(strFromU8(files['source/settings.json']!)).template).toBe('blog');
  });

  it('answers 404 for someone else’s site, and makes nothing', async () => {
    const neighbor = await signIn({}, 'member');
    const res = await postForm(exportPath(), { _csrf: neighbor.csrf }, { cookie: neighbor.cookie });
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await postForm(exportPath(), {}, { cookie: owner.cookie });
    expect(res.status).toBe(403);
    expect(res.headers.get('location')).toBeNull();
    const forged = await postForm(exportPath(), { _csrf: 'forged' }, { cookie: owner.cookie });
    expect(forged.status).toBe(403);
  });

  it('tells a member who has asked too often this hour when to try again', async () => {
    const busy = await signIn({}, 'member');
    const theirs = await createTestSite(busy.member.did);
    const path = `/sites/${theirs.name}/export`;
    await db.put({
      ...counterKey(limits.siteExport, busy.member.did),
      hits: limits.siteExport.max - 1,
      expiresAt: Math.floor(Date.now() / 1000) + 7200,
    });
    const last = await postForm(path, { _csrf: busy.csrf }, { cookie: busy.cookie });
    expect(last.status).toBe(303);
    const refused = await postForm(path, { _csrf: busy.csrf }, { cookie: busy.cookie });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain(`up to ${limits.siteExport.max} times an hour`);
  });

  it('says nothing changed when the builder cannot be reached', async () => {
    const res = await app.request(
      `${ORIGIN}${exportPath()}`,
      {
        method: 'POST',
        headers: {
          cookie: owner.cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ _csrf: owner.csrf }).toString(),
      },
      { ...bindings, BUILDER_URL: inject('deadBuilderUrl') },
    );
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('could not reach the site builder');
    expect(html).toContain('Nothing on your site has changed');
    expect(html).toContain(`href="/sites/${site.name}/settings"`);
  });
});

describe('GET /sites/:name/settings', () => {
  it('offers the download as a plain form with its CSRF token', async () => {
    const html = await (await get(`/sites/${site.name}/settings`, { cookie: owner.cookie })).text();
    const form = /<form method="post" action="([^"]+)"[^>]*>[\s\S]*?<\/form>/g;
    const exportForm = [...html.matchAll(form)].find((m) => m[1] === exportPath());
    expect(exportForm?.[0]).toContain(`name="_csrf" value="${owner.csrf}"`);
    expect(exportForm?.[0]).toContain('Download everything (ZIP)');
  });
});
