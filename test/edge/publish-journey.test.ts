/**
 * Publishing end to end through the edge's own forms, in workerd against
 * the stack's real builder (rendering, the local S3 and KeyValueStore):
 * two publishes that go live, a restore of the first, a restore the
 * builder refuses and why, and unpublishing. Waiting for a build is
 * reading its record until it has finished, as the deploy page does.
 */
import { describe, expect, it } from 'vitest';
import { getDeploy } from '../../edge/db/deploys';
import { getSite } from '../../edge/db/sites';
import { isRunning, type Deploy } from '../../core/records/deploys';
import { dateTime } from '../../views/dates';
import { pastDeploy } from './deploy-support';
import { createViaForm, siteOwner, type Owner } from './item-support';
import { db, get, postForm } from './support';

/** Presses Publish and waits for the build to finish; returns it. */
async function publishAndWait(owner: Owner): Promise<Deploy> {
  const res = await postForm(
    `/sites/${owner.site.name}/publish`,
    { _csrf: owner.csrf },
    { cookie: owner.cookie },
  );
  expect(res.status).toBe(303);
  const id = /\/deploys\/([A-Za-z0-9_-]+)$/.exec(res.headers.get('location') ?? '')![1]!;
  for (let i = 0; i < 300; i++) {
    const deploy = (await getDeploy(db, owner.site.name, id))!;
    if (!isRunning(deploy)) return deploy;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`build ${id} did not finish`);
}

const post = (owner: Owner, path: string) =>
  postForm(`/sites/${owner.site.name}${path}`, { _csrf: owner.csrf }, { cookie: owner.cookie });

describe('publishing, restoring and unpublishing through the edge', () => {
  it(
    'publishes twice, restores the first, refuses what cannot come back, and unpublishes',
    { timeout: 90_000 },
    async () => {
      const owner = await siteOwner();
      await createViaForm(owner, { status: 'ready', title: 'First words' });
      const first = await publishAndWait(owner);
      expect(first.state).toBe('live');
      expect((await getSite(db, owner.site.name))!.liveDeploy).toBe(first.id);
      const page = await (
        await get(`/sites/${owner.site.name}/deploys/${first.id}`, { cookie: owner.cookie })
      ).text();
      expect(page).toContain('Your site is live at');

      await createViaForm(owner, { status: 'ready', title: 'Second words' });
      const second = await publishAndWait(owner);
      expect(second.state).toBe('live');

      const history = await (
        await get(`/sites/${owner.site.name}/deploys`, { cookie: owner.cookie })
      ).text();
      expect(history).toContain(`action="/sites/${owner.site.name}/deploys/${first.id}/restore"`);
      expect(history).not.toContain(
        `action="/sites/${owner.site.name}/deploys/${second.id}/restore"`,
      );

      const restored = await post(owner, `/deploys/${first.id}/restore`);
      expect(restored.status).toBe(303);
      expect(restored.headers.get('location')).toBe(
        `/sites/${owner.site.name}/deploys?done=restored`,
      );
      expect((await getSite(db, owner.site.name))!.liveDeploy).toBe(first.id);
      const after = await (
        await get(restored.headers.get('location')!, { cookie: owner.cookie })
      ).text();
      expect(after).toContain('Restored. Visitors get that version now');
      expect(after).toContain(`action="/sites/${owner.site.name}/deploys/${second.id}/restore"`);
      // The restore's line names the version it brought back; each Restore button its own.
      expect(after).toContain(`Restored · the version of ${dateTime(first.createdAt)}`);
      expect(after).toContain(
        `aria-label="Restore this version, of ${dateTime(second.createdAt)}"`,
      );

      const gone = await pastDeploy(owner.site.name, new Date(Date.now() - 3_600_000), {
        prunedAt: new Date().toISOString(),
      });
      const refused = await post(owner, `/deploys/${gone.id}/restore`);
      expect(refused.headers.get('location')).toBe(`/sites/${owner.site.name}/deploys?done=pruned`);
      expect((await getSite(db, owner.site.name))!.liveDeploy).toBe(first.id);
      const why = await (
        await get(refused.headers.get('location')!, { cookie: owner.cookie })
      ).text();
      expect(why).toContain('files were removed');

      const unpublished = await post(owner, '/unpublish');
      expect(unpublished.headers.get('location')).toBe(
        `/sites/${owner.site.name}/deploys?done=unpublished`,
      );
      expect((await getSite(db, owner.site.name))!.liveDeploy).toBeUndefined();
      const dashboard = await (
        await get(`/sites/${owner.site.name}`, { cookie: owner.cookie })
      ).text();
      expect(dashboard).toContain('Not published at the moment');
    },
  );
});
