/**
 * A member's profile page: what it shows, the stable address (DID and older
 * handles redirect to the current handle), who may see it, links that can
 * only ever be http(s), and what the owner and admins get on it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { saveProfile, updateMember } from '../../edge/db/members';
import { remove } from '../../edge/db/membership';
import { setVisibility } from './neighbors';
import { db, get, signIn, anAdmin } from './support';

afterAll(() => setVisibility('public'));

const profileOf = (handle: string, cookie?: string) =>
  get(`/members/${handle}`, cookie ? { cookie } : {});

describe('GET /members/:id', () => {
  it('shows name, handle, avatar, bio, where on the block, links and joining date', async () => {
    await setVisibility('public');
    const { member } = await signIn(
      {
        displayName: 'Bluesky Name',
        description: 'Bluesky bio',
        avatarUrl: 'https://pds.example/a.png',
      },
      'member',
    );
    await updateMember(
      db,
      member.did,
      (m) =>
        m && {
          ...m,
          name: 'Rosa <Own Name>',
          bio: 'Grows tomatoes & beans.',
          location: 'Number 7, the green door',
          links: [{ label: 'My garden', url: 'https://garden.example/rosa' }],
        },
    );
    const res = await profileOf(member.handle);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Rosa &lt;Own Name&gt;');
    expect(html).not.toContain('Bluesky Name');
    expect(html).toContain(`@${member.handle}`);
    expect(html).toContain('src="https://pds.example/a.png"');
    expect(html).toContain('Grows tomatoes &amp; beans.');
    expect(html).toContain('Number 7, the green door');
    expect(html).toContain(
      '<a href="https://garden.example/rosa" rel="nofollow ugc noopener">My garden</a>',
    );
    expect(html).toMatch(/Joined <time datetime="\d{4}-\d\d-\d\dT[^"]+">\d{1,2} \w+ \d{4}<\/time>/);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('falls back to the Bluesky name and bio when the member has not written their own', async () => {
    await setVisibility('public');
    const { member } = await signIn(
      { displayName: 'Only Bluesky', description: 'Bio from Bluesky' },
      'member',
    );
    const html = await (await profileOf(member.handle)).text();
    expect(html).toContain('Only Bluesky');
    expect(html).toContain('Bio from Bluesky');
  });

  it('redirects a request by DID to the handle address', async () => {
    await setVisibility('public');
    const { member } = await signIn({}, 'member');
    const res = await get(`/members/${encodeURIComponent(member.did)}`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`/members/${member.handle}`);
    const unencoded = await get(`/members/${member.did}`);
    expect(unencoded.headers.get('location')).toBe(`/members/${member.handle}`);
  });

  it('redirects an older handle to the current one after a handle change', async () => {
    await setVisibility('public');
    const { member } = await signIn({}, 'member');
    const newHandle = `renamed-${member.handle}`;
    await saveProfile(db, { did: member.did, handle: newHandle, displayName: 'Renamed' });
    const res = await profileOf(member.handle);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`/members/${newHandle}`);
    expect((await profileOf(newHandle)).status).toBe(200);
  });

  it('lives at its DID when the member has no verified handle', async () => {
    await setVisibility('public');
    const { member } = await signIn({ handle: 'handle.invalid' }, 'member');
    const res = await get(`/members/${encodeURIComponent(member.did)}`);
    expect(res.status).toBe(200);
  });

  it('is a 404 for unknown handles and DIDs', async () => {
    await setVisibility('public');
    const { cookie } = await signIn({}, 'admin');
    expect((await profileOf('nobody-here.test', cookie)).status).toBe(404);
    expect((await get('/members/did%3Aplc%3Anobodynobodynobodynobody', { cookie })).status).toBe(
      404,
    );
  });

  it('is a 404 to others for a visitor, a pending person and a removed member', async () => {
    await setVisibility('public');
    const visitor = await signIn({}, 'visitor');
    const pending = await signIn({}, 'pending');
    const removed = await signIn({}, 'member');
    await remove(db, removed.member.did, anAdmin);
    const admin = await signIn({}, 'admin');
    for (const person of [visitor, pending, removed]) {
      expect((await profileOf(person.member.handle)).status).toBe(404);
      expect((await profileOf(person.member.handle, admin.cookie)).status).toBe(404);
      expect((await get(`/members/${person.member.did}`, { cookie: admin.cookie })).status).toBe(
        404,
      );
    }
  });

  it('shows its owner their own page even before they are a member, without an edit link', async () => {
    await setVisibility('members');
    const { member, cookie } = await signIn({ displayName: 'Not Yet' }, 'pending');
    const res = await profileOf(member.handle, cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Only you can see this page');
    expect(html).not.toContain('/edit"');
  });

  it('follows the directory setting: members only asks others to sign in or join', async () => {
    await setVisibility('members');
    const { member } = await signIn({}, 'member');
    expect((await profileOf(member.handle)).status).toBe(401);
    expect((await profileOf(member.handle, (await signIn({}, 'visitor')).cookie)).status).toBe(403);
    expect((await profileOf(member.handle, (await signIn({}, 'member')).cookie)).status).toBe(200);
    await setVisibility('public');
    expect((await profileOf(member.handle)).status).toBe(200);
  });
});

describe('links on a profile', () => {
  it('renders only http and https addresses, whatever is stored', async () => {
    await setVisibility('public');
    const { member } = await signIn({}, 'member');
    await updateMember(
      db,
      member.did,
      (m) =>
        m && {
          ...m,
          links: [
            { label: 'Script', url: 'javascript:alert(1)' },
            { label: 'Data', url: 'data:text/html,<script>alert(1)</script>' },
            { label: 'Spaced', url: ' JavaScript:alert(1)' },
            { label: 'Plain', url: 'http://plain.example/' },
            { label: 'Secure', url: 'https://secure.example/x?a=1&b=2' },
          ],
        },
    );
    const html = await (await profileOf(member.handle)).text();
    expect(html.toLowerCase()).not.toContain('javascript:');
    expect(html).not.toContain('data:text');
    expect(html).not.toContain('Script</a>');
    expect(html).toContain('<a href="http://plain.example/" rel="nofollow ugc noopener">Plain</a>');
    expect(html).toContain(
      '<a href="https://secure.example/x?a=1&amp;b=2" rel="nofollow ugc noopener">Secure</a>',
    );
  });
});

describe('what the owner and admins see on a profile', () => {
  it('offers the owner an edit link, and nobody else', async () => {
    await setVisibility('public');
    const owner = await signIn({}, 'member');
    const other = await signIn({}, 'member');
    const link = `href="/members/${owner.member.handle}/edit"`;
    expect(await (await profileOf(owner.member.handle, owner.cookie)).text()).toContain(link);
    expect(await (await profileOf(owner.member.handle, other.cookie)).text()).not.toContain(link);
    expect(await (await profileOf(owner.member.handle)).text()).not.toContain(link);
  });

  it('gives an admin links to confirm a promotion and a removal', async () => {
    await setVisibility('public');
    const { member } = await signIn({}, 'member');
    const admin = await signIn({}, 'admin');
    const html = await (await profileOf(member.handle, admin.cookie)).text();
    const base = `/admin/members/${encodeURIComponent(member.did)}`;
    expect(html).toContain(`<a href="${base}/promote">`);
    expect(html).toContain(`<a href="${base}/remove">`);
    expect(html).not.toContain(`${base}/demote`);
    expect(html).not.toContain(`action="${base}/promote"`);
  });

  it('gives an admin a demote link for another admin, and none on their own profile', async () => {
    await setVisibility('public');
    const other = await signIn({}, 'admin');
    const admin = await signIn({}, 'admin');
    const html = await (await profileOf(other.member.handle, admin.cookie)).text();
    expect(html).toContain(`/admin/members/${encodeURIComponent(other.member.did)}/demote"`);
    const own = await (await profileOf(admin.member.handle, admin.cookie)).text();
    expect(own).not.toContain('/admin/members/');
  });

  it('shows members who are not admins no admin forms', async () => {
    await setVisibility('public');
    const { member } = await signIn({}, 'member');
    const viewer = await signIn({}, 'member');
    const html = await (await profileOf(member.handle, viewer.cookie)).text();
    expect(html).not.toContain('/admin/members/');
  });
});
