/**
 * A build that never reported back is ended when its deadline has passed,
 * by what the site's record says happened: if the site went live with it
 * (the builder stopped between taking the site live and finishing the
 * record) it is recorded live, never "failed, your site is unchanged";
 * otherwise it failed, and the lock is released so the member can publish.
 */
import { beforeAll, expect, it } from 'vitest';
import { DEPLOY_DEADLINE_MS } from '../../core/records/deploys';
import { siteKey } from '../../core/records/sites';
import { failOverdue, LOST_BUT_LIVE, startBuild } from '../../edge/db/deploys';
import type { Dynamo } from '../../edge/db/dynamo';
import { createSite, getSite } from '../../edge/db/sites';
import { blog } from '../../templates/blog/template';
import { defaultSettings } from '../../templates/settings';
import { onEveryBackend } from './backends';

const owner = { did: 'did:plc:lostbuildsownerxxxxxxxxx', handle: 'lost.test' };
let run = 0;
const unique = () => `lost-${++run}-${Math.random().toString(36).slice(2, 7)}`;
const later = (ms: number) => new Date(Date.now() + ms);

onEveryBackend('lost builds', (client) => {
  let db: Dynamo;
  beforeAll(() => {
    db = client();
  });

  async function queued() {
    const site = await createSite(
      db,
      {
        name: unique(),
        ownerDid: `${owner.did}${run}`,
        template: 'blog',
        settings: defaultSettings(blog.settings),
      },
      3,
    );
    return startBuild(db, site, owner);
  }

  it('records as live a lost build whose site went live with it', async () => {
    const deploy = await queued();
    // What the builder's going-live step writes before it finishes the record.
    await db.update(siteKey(deploy.site), 'SET liveDeploy = :id REMOVE building, buildDeadline', {
      values: { ':id': deploy.id },
    });
    const ended = await failOverdue(db, deploy, later(DEPLOY_DEADLINE_MS + 1000));
    expect(ended.state).toBe('live');
    expect(ended.log).toContain(LOST_BUT_LIVE);
  });

  it('fails a lost build the site never went live with, and frees the site to publish', async () => {
    const deploy = await queued();
    const ended = await failOverdue(db, deploy, later(DEPLOY_DEADLINE_MS + 1000));
    expect(ended).toMatchObject({ state: 'failed', failedStage: 'queued' });
    expect((await getSite(db, deploy.site))?.building).toBeUndefined();
  });

  it('leaves a build inside its deadline alone', async () => {
    const deploy = await queued();
    expect(await failOverdue(db, deploy, later(DEPLOY_DEADLINE_MS - 1000))).toEqual(deploy);
  });
});
