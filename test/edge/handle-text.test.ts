/**
 * Handles as pages write them: `@alice.test` for a handle, and a DID
 * plainly — never `@did:plc:…` — for an account known only by its DID or
 * whose handle no longer checks out, on every page that shows a handle.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { profilePath } from '../../core/paths';
import { allPages } from './admin-support';
import { setVisibility } from './neighbors';
import { get, signIn, testDid } from './support';

afterAll(() => setVisibility('public'));

const handleLine = (html: string) => /<p class="handle">([^<]*)<\/p>/.exec(html)?.[1];

describe('a member known by their DID', () => {
  it.each([
    ['a DID for a handle', (did: string) => did],
    ['the handle handle.invalid', () => 'handle.invalid'],
  ])('with %s is shown by the DID, without an @', async (_, handleOf) => {
    await setVisibility('public');
    const did = testDid();
    const who = await signIn({ did, handle: handleOf(did), displayName: 'Dee Id' }, 'member');
    const admin = await signIn({}, 'admin');
    const pendingDid = testDid();
    await signIn({ did: pendingDid, handle: handleOf(pendingDid) }, 'pending');
    const pages = {
      me: await (await get('/me', { cookie: who.cookie })).text(),
      profile: await (await get(profilePath(who.member), { cookie: who.cookie })).text(),
    };
    expect(handleLine(pages.me)).toBe(did);
    expect(handleLine(pages.profile)).toBe(did);
    const directory = await (await get('/members?order=newest')).text();
    expect(directory).toContain(`<p class="handle">${did}</p>`);
    // Every page of the queue: other tests' requests share the table and may come first.
    const requests = await allPages(admin, '/admin/requests');
    expect(requests).not.toContain('@did:');
    expect(requests).not.toContain('@handle.invalid');
    expect(requests).toContain(`<p class="handle">${pendingDid}</p>`);
    for (const html of [...Object.values(pages), directory]) {
      expect(html).not.toContain('@did:');
      expect(html).not.toContain('@handle.invalid');
    }
  });

  it('keeps the @ before a real handle', async () => {
    const who = await signIn({ handle: 'nora-vale.test' }, 'member');
    const html = await (await get('/me', { cookie: who.cookie })).text();
    expect(handleLine(html)).toBe('@nora-vale.test');
  });
});
