/**
 * Links to members' live sites: the profile, the directory's cards and the
 * front page's "Lately published" link a site once the builder has marked
 * it live (`liveDeploy`, `publishedAt` and the published list's index
 * attributes, written here as the builder writes them), and never a site
 * not yet published, one whose owner was removed, or one being deleted.
 * The front page's list follows the directory's visibility.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { publishedIndexAttributes } from '../../core/records/published';
import { siteKey, type Site } from '../../core/records/sites';
import { siteUrl } from '../../core/site-address';
import { remove } from '../../edge/db/membership';
import { getSite } from '../../edge/db/sites';
import { setVisibility } from './neighbors';
import { createTestSite } from './site-support';
import { anAdmin, bindings, db, get, signIn } from './support';

const address = (site: Pick<Site, 'name'>) => siteUrl(bindings.SITES_URL, site.name);
const linked = (html: string, site: Pick<Site, 'name'>) => html.includes(`href="${address(site)}"`);

/** Marks `site` live as the builder does when a build goes live. */
async function goLive(site: Site, at = new Date()) {
  const stored = (await getSite(db, site.name))!;
  const live = { ...stored, liveDeploy: '0000000000000live', publishedAt: at.toISOString() };
  const listed = publishedIndexAttributes(live)!;
  await db.update(
    siteKey(site.name),
    'SET liveDeploy = :d, publishedAt = :at, gsi2pk = :pk, gsi2sk = :sk',
    {
      values: {
        ':d': live.liveDeploy,
        ':at': live.publishedAt,
        ':pk': listed.gsi2pk,
        ':sk': listed.gsi2sk,
      },
    },
  );
}

/** A listed member with one published site and one not published. */
async function publisher(name = 'Publishing Neighbor') {
  const owner = await signIn({ displayName: name }, 'member');
  const live = await createTestSite(owner.member.did);
  const draft = await createTestSite(owner.member.did);
  await goLive(live);
  return { owner, live, draft };
}

afterAll(() => setVisibility('public'));

describe('GET /members/:id', () => {
  it('links the member’s published sites, not the others', async () => {
    const { owner, live, draft } = await publisher();
    const html = await (await get(`/members/${owner.member.handle}`)).text();
    expect(linked(html, live)).toBe(true);
    expect(linked(html, draft)).toBe(false);
  });

  it('stops linking a site taken offline', async () => {
    const { owner, live } = await publisher();
    // What removal leaves on the record, here while the profile is still shown.
    await db.update(siteKey(live.name), 'SET offlineSince = :now', {
      values: { ':now': new Date().toISOString() },
    });
    const html = await (await get(`/members/${owner.member.handle}`)).text();
    expect(html).toContain(owner.member.handle);
    expect(linked(html, live)).toBe(false);
  });
});

describe('GET /members', () => {
  it('links each neighbor’s published sites on their card', async () => {
    await setVisibility('public');
    const { live, draft } = await publisher('Carded Neighbor');
    const html = await (await get('/members')).text();
    expect(linked(html, live)).toBe(true);
    expect(linked(html, draft)).toBe(false);
  });
});

describe('GET / — Lately published', () => {
  it('lists the newest published sites, two clicks or fewer from every one', async () => {
    await setVisibility('public');
    const { live, draft } = await publisher();
    const html = await (await get('/')).text();
    expect(html).toContain('Lately published');
    expect(linked(html, live)).toBe(true);
    expect(linked(html, draft)).toBe(false);
    expect(html).toContain('href="/members"');
  });

  it('drops a site once it is closed or its owner removed', async () => {
    await setVisibility('public');
    const closing = await publisher();
    const removed = await publisher();
    await db.update(siteKey(closing.live.name), 'SET closedAt = :now', {
      values: { ':now': new Date().toISOString() },
    });
    await remove(db, removed.owner.member.did, anAdmin);
    const html = await (await get('/')).text();
    expect(linked(html, closing.live)).toBe(false);
    expect(linked(html, removed.live)).toBe(false);
  });

  it('is for members only when the directory is', async () => {
    await setVisibility('members');
    const { live } = await publisher();
    expect(linked(await (await get('/')).text(), live)).toBe(false);
    const member = await signIn({}, 'member');
    expect(linked(await (await get('/', { cookie: member.cookie })).text(), live)).toBe(true);
  });
});
