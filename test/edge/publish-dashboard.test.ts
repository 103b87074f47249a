/**
 * Where a member meets publishing outside its own pages, in workerd against
 * the real table: the site's dashboard (Publish, the live address, the
 * latest deploy, History, Unpublish) and the list of their sites.
 */
import { describe, expect, it } from 'vitest';
import { siteUrl } from '../../core/site-address';
import { listItems, siteUsage } from '../../edge/db/items';
import { pastDeploy, runningBuild, wentLive } from './deploy-support';
import { createTestSite } from './site-support';
import { createViaForm, siteOwner } from './item-support';
import { bindings, db, get } from './support';

describe('GET /sites/:name (publishing)', () => {
  it('offers Publish and says the site is not published yet', async () => {
    const owner = await siteOwner();
    const html = await (await get(`/sites/${owner.site.name}`, { cookie: owner.cookie })).text();
    expect(html).toContain(`action="/sites/${owner.site.name}/publish"`);
    expect(html).toContain('Not published yet');
    expect(html).toContain(`href="/sites/${owner.site.name}/deploys"`);
    expect(html).not.toContain(`href="/sites/${owner.site.name}/unpublish"`);
  });

  it('links the live site, the latest deploy and Unpublish once published', async () => {
    const owner = await siteOwner();
    const deploy = await wentLive(await runningBuild(owner));
    const url = siteUrl(bindings.SITES_URL, owner.site.name);
    const html = await (await get(`/sites/${owner.site.name}`, { cookie: owner.cookie })).text();
    expect(html).toContain(`live at <a href="${url}">`);
    expect(html).toContain('Published ');
    expect(html).toContain(`href="/sites/${owner.site.name}/deploys/${deploy.id}"`);
    expect(html).toContain('went live');
    expect(html).toContain(`href="/sites/${owner.site.name}/unpublish"`);
    expect(html).not.toContain('Not published');
  });

  it('lists and counts only the items, whatever the history beside them holds', async () => {
    const owner = await siteOwner();
    const item = await createViaForm(owner, { title: 'Only this' });
    const before = await siteUsage(db, owner.site.name);
    await wentLive(await runningBuild(owner));
    await pastDeploy(owner.site.name, new Date(Date.now() - 60_000), { kind: 'unpublish' });
    expect(await siteUsage(db, owner.site.name)).toEqual(before);
    const contents = await listItems(db, owner.site.name);
    expect([...contents.entries, ...contents.pages, ...contents.trash].map((i) => i.id)).toEqual([
      item.id,
    ]);
  });

  it('shows a running build as the latest deploy', async () => {
    const owner = await siteOwner();
    const deploy = await runningBuild(owner);
    const html = await (await get(`/sites/${owner.site.name}`, { cookie: owner.cookie })).text();
    expect(html).toContain(`href="/sites/${owner.site.name}/deploys/${deploy.id}"`);
    expect(html).toContain('(running now)');
  });
});

describe('GET /sites (publishing)', () => {
  it('links the address of each published site, and only of those', async () => {
    const owner = await siteOwner();
    const unpublished = await createTestSite(owner.member.did);
    await wentLive(await runningBuild(owner));
    const html = await (await get('/sites', { cookie: owner.cookie })).text();
    expect(html).toContain(`live at <a href="${siteUrl(bindings.SITES_URL, owner.site.name)}">`);
    const other = siteUrl(bindings.SITES_URL, unpublished.name);
    expect(html).toContain(`to be published at <span class="address">${other}</span>`);
    expect(html).not.toContain(`href="${other}"`);
  });
});
