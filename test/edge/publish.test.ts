/**
 * Publishing from the edge, in workerd against the real table and the
 * stack's builder: starting a build (the lock, the queued record, the
 * member's hourly allowance), a second press while one runs, who may, the
 * CSRF token, and a builder that cannot be reached.
 */
import { describe, expect, inject, it } from 'vitest';
import {
  BuildRunning,
  getDeploy,
  PublishLimitReached,
  SiteNotPublishable,
  startBuild,
} from '../../edge/db/deploys';
import { allow, counterKey, limits } from '../../edge/db/rate-limit';
import { getSite, setSitesOffline } from '../../edge/db/sites';
import { PUBLISHES_PER_HOUR } from '../../core/records/deploys';
import { pastDeploy, runningBuild, storedDeploys, withBuilder } from './deploy-support';
import { siteOwner, type Owner } from './item-support';
import { db, get, postForm } from './support';

const publish = (owner: Owner, site = owner.site.name, form = { _csrf: owner.csrf }) =>
  postForm(`/sites/${site}/publish`, form, { cookie: owner.cookie });

const deployIdIn = (location: string | null, site: string) =>
  new RegExp(`^/sites/${site}/deploys/([A-Za-z0-9_-]+)(\\?running)?$`).exec(location ?? '')?.[1];

describe('startBuild', () => {
  it('locks the site to a new queued build by the member, and writes its record', async () => {
    const owner = await siteOwner();
    const deploy = await runningBuild(owner);
    const stored = await getDeploy(db, owner.site.name, deploy.id);
    expect(stored).toMatchObject({
      kind: 'build',
      state: 'queued',
      byDid: owner.member.did,
      byHandle: owner.member.handle,
    });
    expect(stored!.deadline).toBeDefined();
    const site = await getSite(db, owner.site.name);
    expect(site).toMatchObject({ building: deploy.id, buildDeadline: stored!.deadline });
  });

  it('refuses a second build while the first holds the lock, naming the first', async () => {
    const owner = await siteOwner();
    const first = await runningBuild(owner);
    // The site as read before the first build took the lock: only the table's condition stops it.
    await expect(
      startBuild(db, owner.site, { did: owner.member.did, handle: owner.member.handle }),
    ).rejects.toEqual(new BuildRunning(first.id));
    expect(await storedDeploys(owner.site.name)).toHaveLength(1);
  });

  it('refuses a site whose owner was removed, even when read before the removal', async () => {
    const owner = await siteOwner();
    await setSitesOffline(db, owner.member.did, true);
    await expect(runningBuild(owner)).rejects.toBeInstanceOf(SiteNotPublishable);
    await expect(
      startBuild(db, owner.site, { did: owner.member.did, handle: owner.member.handle }),
    ).rejects.toBeInstanceOf(SiteNotPublishable);
    expect(await storedDeploys(owner.site.name)).toHaveLength(0);
  });

  it(`allows ${PUBLISHES_PER_HOUR} builds an hour per member`, async () => {
    const owner = await siteOwner();
    for (let i = 0; i < PUBLISHES_PER_HOUR; i++) {
      expect(await allow(db, limits.publish, owner.member.did)).toBe(true);
    }
    await expect(runningBuild(owner)).rejects.toBeInstanceOf(PublishLimitReached);
    expect((await getSite(db, owner.site.name))!.building).toBeUndefined();
  });
});

describe('POST /sites/:name/publish', () => {
  it('starts a build by the member and goes to its page', async () => {
    const owner = await siteOwner();
    const res = await publish(owner);
    expect(res.status).toBe(303);
    const id = deployIdIn(res.headers.get('location'), owner.site.name);
    expect(id).toBeDefined();
    expect(await getDeploy(db, owner.site.name, id!)).toMatchObject({
      kind: 'build',
      byDid: owner.member.did,
    });
    const page = await get(res.headers.get('location')!, { cookie: owner.cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Started`);
  });

  it('goes to the running build when pressed again (a double click), starting nothing', async () => {
    const owner = await siteOwner();
    const running = await runningBuild(owner);
    const [a, b] = await Promise.all([publish(owner), publish(owner)]);
    for (const res of [a, b]) {
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(
        `/sites/${owner.site.name}/deploys/${running.id}?running`,
      );
    }
    expect(await storedDeploys(owner.site.name)).toHaveLength(1);
    // Only the build that started counted against the member's hour.
    expect(await db.get(counterKey(limits.publish, owner.member.did))).toMatchObject({ hits: 1 });
    const page = await get(a.headers.get('location')!, { cookie: owner.cookie });
    expect(await page.text()).toContain('A publish is already running');
  });

  it('says when the member can publish again once the hour’s publishes are used', async () => {
    const owner = await siteOwner();
    for (let i = 0; i < PUBLISHES_PER_HOUR; i++) await allow(db, limits.publish, owner.member.did);
    const res = await publish(owner);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await res.text();
    expect(html).toMatch(/You can publish again in (a minute|about \d+ minutes)/);
    expect(html).toContain('Your live site is unchanged');
    expect(await storedDeploys(owner.site.name)).toHaveLength(0);
  });

  it('is a 404 for someone else’s site, which stays unlocked', async () => {
    const owner = await siteOwner();
    const other = await siteOwner();
    const res = await publish(owner, other.site.name);
    expect(res.status).toBe(404);
    expect((await getSite(db, other.site.name))!.building).toBeUndefined();
    expect(await storedDeploys(other.site.name)).toHaveLength(0);
  });

  it('refuses a form without its CSRF token', async () => {
    const owner = await siteOwner();
    const res = await publish(owner, owner.site.name, { _csrf: 'forged' });
    expect(res.status).toBe(403);
    expect((await getSite(db, owner.site.name))!.building).toBeUndefined();
    expect(await storedDeploys(owner.site.name)).toHaveLength(0);
  });

  it('ends the build failed, the live site unchanged, when the builder cannot be reached', async () => {
    const owner = await siteOwner();
    const earlier = await pastDeploy(owner.site.name, new Date(Date.now() - 60_000), {});
    await db.update(
      { pk: `SITE#${owner.site.name}`, sk: 'SITE' },
      'SET liveDeploy = :id, publishedAt = :at',
      { values: { ':id': earlier.id, ':at': earlier.createdAt } },
    );
    const res = await withBuilder(inject('deadBuilderUrl'), `/sites/${owner.site.name}/publish`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: owner.csrf }).toString(),
    });
    expect(res.status).toBe(303);
    const id = deployIdIn(res.headers.get('location'), owner.site.name)!;
    const deploy = await getDeploy(db, owner.site.name, id);
    expect(deploy).toMatchObject({ state: 'failed', failedStage: 'queued' });
    expect(deploy!.log.join(' ')).toContain('could not reach the site builder');
    const site = (await getSite(db, owner.site.name))!;
    expect(site.liveDeploy).toBe(earlier.id);
    expect(site.building).toBeUndefined();
    const page = await get(res.headers.get('location')!, { cookie: owner.cookie });
    const html = await page.text();
    expect(html).toContain('Your live site is unchanged');
    expect(html).toContain('Publish again');
  });
});
