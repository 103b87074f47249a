/**
 * A deploy's page in workerd against the real table, the builder's side of
 * each build written as the builder writes it: the page reloads itself (and
 * offers htmx its fragment) only while the build runs, ends with the live
 * address or what went wrong, ends a build that never reported back, and
 * is a 404 for any deploy not of this site.
 */
import { describe, expect, it } from 'vitest';
import { getDeploy } from '../../edge/db/deploys';
import { getSite } from '../../edge/db/sites';
import { DEPLOY_DEADLINE_MS, overdueMessage } from '../../core/records/deploys';
import { siteUrl } from '../../core/site-address';
import { failedIn, runningBuild, wentLive } from './deploy-support';
import { escaped, HTMX, siteOwner } from './item-support';
import { bindings, db, get, postForm } from './support';

const REFRESH = /<meta http-equiv="refresh" content="\d+"/;
const pagePath = (site: string, id: string) => `/sites/${site}/deploys/${id}`;

describe('GET /sites/:name/deploys/:id', () => {
  it('reloads itself while the build runs, and stops once it is live', async () => {
    const owner = await siteOwner();
    const deploy = await runningBuild(owner);
    const path = pagePath(owner.site.name, deploy.id);

    const running = await (await get(path, { cookie: owner.cookie })).text();
    expect(running).toMatch(REFRESH);
    expect(running).toContain('Waiting for the site builder');
    const fragment = await (await get(path, { cookie: owner.cookie, ...HTMX })).text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain(`data-hx-get="${path}"`);
    expect(fragment).toMatch(/data-hx-trigger="every \d+s"/);

    await wentLive(deploy);
    const url = siteUrl(bindings.SITES_URL, owner.site.name);
    const live = await (await get(path, { cookie: owner.cookie })).text();
    expect(live).not.toMatch(REFRESH);
    expect(live).toContain(`Your site is live at <a href="${url}">`);
    expect(live).toContain('14 files, 47 KB');
    expect(live).toContain('Making the pages: done in 0.7 s');
    expect(live).toContain('Rendered 9 pages in 0.7 s');
    const last = await (await get(path, { cookie: owner.cookie, ...HTMX })).text();
    expect(last).not.toContain('data-hx-trigger');
    expect(last).toContain(`href="${url}"`);
  });

  it('says what went wrong, that the live site is unchanged, and offers to publish again', async () => {
    const owner = await siteOwner();
    const deploy = await failedIn(
      await runningBuild(owner),
      'rendering',
      'The post “Tomatoes” could not be made into a page.',
    );
    const res = await get(pagePath(owner.site.name, deploy.id), { cookie: owner.cookie });
    const html = await res.text();
    expect(html).not.toMatch(REFRESH);
    expect(html).toContain(escaped('The post “Tomatoes” could not be made into a page.'));
    expect(html).toContain('Waiting for the site builder: done');
    expect(html).toContain('Making the pages: stopped here');
    expect(html).toContain('Uploading the files: not reached');
    expect(html).toContain('Your live site is unchanged');
    expect(html).toContain(`action="/sites/${owner.site.name}/publish"`);
  });

  it('ends a build that never reported back as failed, and the member can publish again', async () => {
    const owner = await siteOwner();
    const lost = await runningBuild(owner, new Date(Date.now() - DEPLOY_DEADLINE_MS - 60_000));
    const res = await get(pagePath(owner.site.name, lost.id), { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(REFRESH);
    expect(html).toContain(escaped(overdueMessage()));
    expect(await getDeploy(db, owner.site.name, lost.id)).toMatchObject({
      state: 'failed',
      failedStage: 'queued',
      log: [overdueMessage()],
    });
    expect((await getSite(db, owner.site.name))!.building).toBeUndefined();

    const again = await postForm(
      `/sites/${owner.site.name}/publish`,
      { _csrf: owner.csrf },
      { cookie: owner.cookie },
    );
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).not.toContain(lost.id);
    expect(again.headers.get('location')).not.toContain('?running');
  });

  it('is a 404 for a deploy of someone else’s site, and for an id that is no deploy', async () => {
    const owner = await siteOwner();
    const other = await siteOwner();
    const theirs = await runningBuild(other);
    for (const path of [
      pagePath(owner.site.name, theirs.id),
      pagePath(other.site.name, theirs.id),
      pagePath(owner.site.name, 'no-such-deploy'),
      pagePath(owner.site.name, '..%2F..'),
    ]) {
      expect((await get(path, { cookie: owner.cookie })).status, path).toBe(404);
    }
  });
});
