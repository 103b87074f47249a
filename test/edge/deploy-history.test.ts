/**
 * A site's history, restoring and unpublishing, in workerd against the
 * real table: the history lists 20 deploys a page, newest first, with who,
 * what, files, size, changes, "Live now" and "Restore this version" where a
 * build can come back; restore and unpublish refuse others' deploys and
 * forged forms, and say the live site is unchanged when the builder cannot
 * be reached.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { siteKey } from '../../core/records/sites';
import type { Deploy } from '../../core/records/deploys';
import { getSite } from '../../edge/db/sites';
import { pastDeploy, runningBuild, withBuilder } from './deploy-support';
import { siteOwner, type Owner } from './item-support';
import { db, get, postForm } from './support';

const history = (site: string) => `/sites/${site}/deploys`;
const restoreAction = (site: string, id: string) => `action="/sites/${site}/deploys/${id}/restore"`;
const listed = (html: string, site: string) =>
  [...html.matchAll(new RegExp(`href="/sites/${site}/deploys/([A-Za-z0-9_-]+)"`, 'g'))].map(
    (m) => m[1]!,
  );

const form = (owner: Owner, body: Record<string, string> = { _csrf: owner.csrf }) => ({
  method: 'POST',
  headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(body).toString(),
});

describe('GET /sites/:name/deploys', () => {
  let owner: Owner;
  /** Oldest first: 21 deploys a minute apart. */
  const made: Deploy[] = [];
  let live: Deploy, restorable: Deploy, pruned: Deploy, failed: Deploy;

  beforeAll(async () => {
    owner = await siteOwner();
    const start = Date.now() - 60 * 60_000;
    for (let i = 0; i < 21; i++) {
      const at = new Date(start + i * 60_000);
      const fields: Partial<Deploy> =
        i === 20
          ? {
              files: 12,
              bytes: 30_000,
              changes: { added: ['a/', 'b/'], changed: ['index.html'], removed: [] },
            }
          : i === 19
            ? { state: 'failed', failedStage: 'uploading' }
            : i === 18
              ? {}
              : i === 5
                ? { prunedAt: at.toISOString() }
                : { kind: 'restore', restoreOf: 'x' };
      made.push(await pastDeploy(owner.site.name, at, fields));
    }
    [live, failed, restorable, pruned] = [made[20]!, made[19]!, made[18]!, made[5]!];
    await db.update(siteKey(owner.site.name), 'SET liveDeploy = :id', {
      values: { ':id': live.id },
    });
  });

  it('lists the newest 20 with what each did, and the rest on the next page', async () => {
    const res = await get(history(owner.site.name), { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(listed(html, owner.site.name)).toEqual(
      made
        .slice(1)
        .reverse()
        .map((d) => d.id),
    );
    expect(html).toContain('Publish by past.test');
    expect(html).toContain('12 files, 30 KB');
    expect(html).toContain('2 pages added, 1 changed');
    expect(html.match(/Live now/g)).toHaveLength(1);
    const next = /href="([^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const rest = await (await get(next!, { cookie: owner.cookie })).text();
    expect(listed(rest, owner.site.name)).toEqual([made[0]!.id]);
    expect(rest).not.toContain('rel="next"');
  });

  it('offers Restore only on kept builds that went live and are not live, and names pruned ones', async () => {
    const html = await (await get(history(owner.site.name), { cookie: owner.cookie })).text();
    expect(html).toContain(restoreAction(owner.site.name, restorable.id));
    for (const d of [live, failed, pruned, made[10]!]) {
      expect(html).not.toContain(restoreAction(owner.site.name, d.id));
    }
    expect(html).toContain('Its files were removed, so it can no longer be restored');
    expect(html).toContain('Restore this version');
  });

  it('ends builds on it that never reported back', async () => {
    const other = await siteOwner();
    const lost = await runningBuild(other, new Date(Date.now() - 10 * 60_000));
    const html = await (await get(history(other.site.name), { cookie: other.cookie })).text();
    expect(html).toContain('Did not work');
    expect((await getSite(db, other.site.name))!.building).toBeUndefined();
    expect(listed(html, other.site.name)).toEqual([lost.id]);
  });

  it('is a 404 for someone else’s site', async () => {
    const stranger = await siteOwner();
    expect((await get(history(owner.site.name), { cookie: stranger.cookie })).status).toBe(404);
  });

  it('restoring says the live site is unchanged when the builder cannot be reached', async () => {
    const res = await withBuilder(
      inject('deadBuilderUrl'),
      `/sites/${owner.site.name}/deploys/${restorable.id}/restore`,
      form(owner),
    );
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Your live site is unchanged');
    expect((await getSite(db, owner.site.name))!.liveDeploy).toBe(live.id);
  });

  it('restoring is a 404 for a deploy not of this site, and refuses a forged form', async () => {
    const other = await siteOwner();
    const theirs = await pastDeploy(other.site.name, new Date(), {});
    const path = `/sites/${owner.site.name}/deploys/${theirs.id}/restore`;
    expect((await postForm(path, { _csrf: owner.csrf }, { cookie: owner.cookie })).status).toBe(
      404,
    );
    const forged = `/sites/${owner.site.name}/deploys/${restorable.id}/restore`;
    expect((await postForm(forged, { _csrf: 'forged' }, { cookie: owner.cookie })).status).toBe(
      403,
    );
  });
});

describe('/sites/:name/unpublish', () => {
  it('asks first, with a form that posts back with its token', async () => {
    const owner = await siteOwner();
    const res = await get(`/sites/${owner.site.name}/unpublish`, { cookie: owner.cookie });
    const html = await res.text();
    expect(html).toContain(`action="/sites/${owner.site.name}/unpublish"`);
    expect(html).toContain(`name="_csrf" value="${owner.csrf}"`);
  });

  it('says the live site is unchanged when the builder cannot be reached', async () => {
    const owner = await siteOwner();
    const res = await withBuilder(
      inject('deadBuilderUrl'),
      `/sites/${owner.site.name}/unpublish`,
      form(owner),
    );
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Your live site is unchanged');
  });

  it('refuses a forged form and someone else’s site', async () => {
    const owner = await siteOwner();
    const other = await siteOwner();
    const post = (site: string, csrf: string) =>
      postForm(`/sites/${site}/unpublish`, { _csrf: csrf }, { cookie: owner.cookie });
    expect((await post(owner.site.name, 'forged')).status).toBe(403);
    expect((await post(other.site.name, owner.csrf)).status).toBe(404);
  });
});
