/**
 * The routes that take sites off the host queue the builder's request for
 * each site, as Event invocations nobody waits on: an admin's removal and
 * its lifting queue `sync`, deleting an account or one site queues
 * `purge`. Read from the Worker's own outgoing requests to the builder.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { liftRemovalPath, memberAdminPath } from '../../core/paths';
import { send } from './admin-support';
import { createTestSite } from './site-support';
import { bindings, postForm, signIn } from './support';

let queued: Promise<unknown>[] = [];
const original = globalThis.fetch;
afterEach(() => {
  vi.restoreAllMocks();
  queued = [];
});

/** Keeps a copy of every Event invocation's body the Worker sends the builder. */
function watchBuilder() {
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    if (
      input instanceof Request &&
      input.url.startsWith(bindings.BUILDER_URL) &&
      input.headers.get('x-amz-invocation-type') === 'Event'
    ) {
      queued.push(input.clone().json());
    }
    return original(input, init);
  });
}

/** The requests queued so far, once `count` of them were sent (they go after the response). */
async function requestsQueued(count: number) {
  await vi.waitFor(() => expect(queued.length).toBeGreaterThanOrEqual(count));
  return Promise.all(queued);
}

describe('taking sites off the host', () => {
  it('queues a sync of each site when an admin removes their owner, and when it is lifted', async () => {
    const admin = await signIn({}, 'admin');
    const owner = await signIn({}, 'member');
    const sites = [await createTestSite(owner.member.did), await createTestSite(owner.member.did)];
    const syncs = sites.map((s) => ({ kind: 'sync', site: s.name }));
    watchBuilder();
    expect((await send(admin, memberAdminPath(owner.member, 'remove'))).status).toBe(303);
    expect(await requestsQueued(2)).toEqual(expect.arrayContaining(syncs));
    queued = [];
    expect((await send(admin, liftRemovalPath(owner.member.did))).status).toBe(303);
    expect(await requestsQueued(2)).toEqual(expect.arrayContaining(syncs));
  });

  it('queues a purge of each site of a deleted account', async () => {
    const owner = await signIn({}, 'member');
    const site = await createTestSite(owner.member.did);
    watchBuilder();
    const res = await postForm(
      '/me/delete',
      { _csrf: owner.csrf, confirm: owner.member.handle },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(303);
    expect(await requestsQueued(1)).toContainEqual({ kind: 'purge', site: site.name });
  });

  it('queues a purge of a deleted site', async () => {
    const owner = await signIn({}, 'member');
    const site = await createTestSite(owner.member.did);
    watchBuilder();
    const res = await postForm(
      `/sites/${site.name}/delete`,
      { _csrf: owner.csrf, confirm: site.name },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(303);
    expect(await requestsQueued(1)).toEqual([{ kind: 'purge', site: site.name }]);
  });
});
