/**
 * Editing a profile: only its owner may (anyone else, admins included, gets
 * 404), every limit is named next to its field with the input kept, links
 * can only be http(s), and a stale save never overwrites another.
 */
import { describe, expect, it } from 'vitest';
import { getMember, updateMember } from '../../edge/db/members';
import { cardNames, setVisibility } from './neighbors';
import { db, get, postForm, signIn, type SignedIn } from './support';

const editPath = (who: SignedIn) => `/members/${who.member.handle}/edit`;

/** A complete, valid form for `who`, with `changes` on top. */
function form(who: SignedIn, changes: Record<string, string> = {}): Record<string, string> {
  return {
    _csrf: who.csrf,
    version: String(who.member.version),
    name: '',
    bio: '',
    location: '',
    listed: 'on',
    ...changes,
  };
}

const save = (who: SignedIn, changes: Record<string, string> = {}, as: SignedIn = who) =>
  postForm(editPath(who), { ...form(who, changes), _csrf: as.csrf }, { cookie: as.cookie });

describe('GET /members/:id/edit', () => {
  it('shows the owner a form filled from their profile, with its version and a CSRF token', async () => {
    const owner = await signIn({ displayName: 'Bluesky Me' }, 'member');
    await updateMember(
      db,
      owner.member.did,
      (m) =>
        m && {
          ...m,
          name: 'Own Name',
          links: [{ label: 'Blog', url: 'https://blog.example/' }],
        },
    );
    const res = await get(editPath(owner), { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    const version = (await getMember(db, owner.member.did))!.version;
    expect(html).toContain(`<form method="post" action="${editPath(owner)}"`);
    expect(html).toContain(`name="version" value="${version}"`);
    expect(html).toContain(`name="_csrf" value="${owner.csrf}"`);
    expect(html).toMatch(/name="name" type="text" value="Own Name"/);
    expect(html).toContain('Leave empty to use your name from Bluesky: “Bluesky Me”');
    expect(html).toMatch(/name="link1Label" type="text" value="Blog"/);
    expect(html).toMatch(
      /name="link1Url" type="text" inputmode="url" value="https:\/\/blog.example\/"/,
    );
    expect(html).toMatch(/name="listed" type="checkbox" value="on" checked/);
    expect(html).toContain(`action="/members/${owner.member.handle}/refresh"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('is a 404 for another member, an admin and a signed-out person', async () => {
    const owner = await signIn({}, 'member');
    const other = await signIn({}, 'member');
    const admin = await signIn({}, 'admin');
    expect((await get(editPath(owner), { cookie: other.cookie })).status).toBe(404);
    expect((await get(editPath(owner), { cookie: admin.cookie })).status).toBe(404);
    expect((await get(editPath(owner))).status).toBe(404);
  });

  it('tells an owner who is not a member that editing is for members', async () => {
    const pending = await signIn({}, 'pending');
    expect((await get(editPath(pending), { cookie: pending.cookie })).status).toBe(403);
  });
});

describe('POST /members/:id/edit', () => {
  it('saves the owner’s words, links and listing, then goes back to the profile', async () => {
    await setVisibility('public');
    const owner = await signIn({ displayName: 'Before' }, 'member');
    const res = await save(owner, {
      name: '  Nora Vale  ',
      bio: 'Two cats, one bicycle.',
      location: 'Corner house',
      link1Label: 'Photos',
      link1Url: 'https://photos.example/nora',
      link3Url: 'http://old.example/',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/members/${owner.member.handle}`);
    const saved = (await getMember(db, owner.member.did))!;
    expect(saved).toMatchObject({
      name: 'Nora Vale',
      bio: 'Two cats, one bicycle.',
      location: 'Corner house',
      listed: true,
      links: [
        { label: 'Photos', url: 'https://photos.example/nora' },
        { label: 'old.example', url: 'http://old.example/' },
      ],
      displayName: 'Before',
    });
    expect(cardNames(await (await get('/members')).text())).toContain('Nora Vale');
  });

  it('clears an own name so the Bluesky one shows, and leaves the directory when unticked', async () => {
    await setVisibility('public');
    const owner = await signIn({ displayName: 'Bluesky Name' }, 'member');
    await updateMember(db, owner.member.did, (m) => m && { ...m, name: 'Old Own' });
    owner.member = (await getMember(db, owner.member.did))!;
    const { listed: _listed, ...unticked } = form(owner);
    const res = await postForm(editPath(owner), unticked, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    const saved = (await getMember(db, owner.member.did))!;
    expect(saved.name).toBeUndefined();
    expect(saved.listed).toBe(false);
    expect(cardNames(await (await get('/members')).text())).not.toContain('Bluesky Name');
  });

  it('refuses a javascript: link, naming the problem and keeping the input', async () => {
    const owner = await signIn({}, 'member');
    const res = await save(owner, {
      name: 'Kept Name',
      link2Label: 'Click',
      link2Url: 'javascript:alert(document.cookie)',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(
      '<p class="error" id="link2Url-error" role="alert">Links are web addresses, like shop.example.org or https://shop.example.org</p>',
    );
    expect(html).toMatch(
      /name="link2Url" type="text" inputmode="url" value="javascript:alert\(document.cookie\)"[^>]*aria-invalid="true"/,
    );
    expect(html).toMatch(/name="name" type="text" value="Kept Name"/);
    expect(html).toContain(`name="version" value="${owner.member.version}"`);
    const saved = (await getMember(db, owner.member.did))!;
    expect(saved.links).toEqual([]);
    expect(saved.name).toBeUndefined();
  });

  it('takes a bare domain as an https:// address, saves it so and shows it so', async () => {
    const owner = await signIn({}, 'member');
    const res = await save(owner, {
      link1Label: 'Shop',
      link1Url: ' shop.example.org ',
      link2Url: 'www.example.net:8080/menu?day=1',
    });
    expect(res.status).toBe(303);
    const saved = (await getMember(db, owner.member.did))!;
    expect(saved.links).toEqual([
      { label: 'Shop', url: 'https://shop.example.org' },
      { label: 'www.example.net', url: 'https://www.example.net:8080/menu?day=1' },
    ]);
    const html = await (await get(editPath(owner), { cookie: owner.cookie })).text();
    expect(html).toMatch(
      /name="link1Url" type="text" inputmode="url" value="https:\/\/shop.example.org"/,
    );
    expect(html).toContain('https:// is added for you');
  });

  it('still refuses other schemes and words that are not addresses, keeping the input', async () => {
    const owner = await signIn({}, 'member');
    for (const url of [
      'mailto:nora@example.org',
      'javascript:alert(1)//x.org',
      'my shop',
      'shop',
    ]) {
      const res = await save(owner, { link1Label: 'x', link1Url: url });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('id="link1Url-error" role="alert">Links are web addresses');
      expect(html).toContain(`value="${url}"`);
    }
    expect((await getMember(db, owner.member.did))!.links).toEqual([]);
  });

  it('refuses data: and scheme-only links too', async () => {
    const owner = await signIn({}, 'member');
    for (const url of ['data:text/html,hi', 'ftp://files.example/', 'https://']) {
      const res = await save(owner, { link1Label: 'x', link1Url: url });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('id="link1Url-error"');
    }
  });

  it('names each limit next to its field', async () => {
    const owner = await signIn({}, 'member');
    const res = await save(owner, {
      name: 'n'.repeat(65),
      bio: 'b'.repeat(301),
      location: 'l'.repeat(101),
      link1Label: 'a'.repeat(41),
      link1Url: `https://x.example/${'u'.repeat(300)}`,
      link2Label: 'No address',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Your display name can be at most 64 characters');
    expect(html).toContain('Your bio can be at most 300 characters');
    expect(html).toContain('Where on the block can be at most 100 characters');
    expect(html).toContain('A link’s label can be at most 40 characters');
    expect(html).toContain('A link can be at most 300 characters');
    expect(html).toMatch(/id="link2Url-error"[^>]*>Add the address for this link/);
    expect(html).toContain('6 things need fixing');
    expect(html).toContain('b'.repeat(301));
    expect((await getMember(db, owner.member.did))!.version).toBe(owner.member.version);
  });

  it('counts characters, not bytes: a 64-letter name with accents and emoji is fine', async () => {
    const owner = await signIn({}, 'member');
    const res = await save(owner, { name: 'é🐝'.repeat(32) });
    expect(res.status).toBe(303);
  });

  it('is a 404 for anyone but the owner, admins included, and changes nothing', async () => {
    const owner = await signIn({ displayName: 'Untouched' }, 'member');
    const other = await signIn({}, 'member');
    const admin = await signIn({}, 'admin');
    for (const as of [other, admin]) {
      expect((await save(owner, { name: 'Hijacked' }, as)).status).toBe(404);
      expect((await save(owner, { name: 'x'.repeat(99) }, as)).status).toBe(404);
    }
    expect((await getMember(db, owner.member.did))!.name).toBeUndefined();
  });

  it('shows a conflict instead of overwriting a save made in another tab', async () => {
    const owner = await signIn({}, 'member');
    expect((await save(owner, { name: 'From tab one', bio: 'Same bio' })).status).toBe(303);
    const afterFirst = (await getMember(db, owner.member.did))!;
    // Tab two still holds the form at the old version.
    const res = await save(owner, { name: 'From tab two', bio: 'Same bio' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Someone else saved changes while you were editing');
    expect(html).toMatch(
      /<th scope="row">Display name<\/th><td>From tab one<\/td><td>From tab two<\/td>/,
    );
    expect(html).not.toContain('<th scope="row">Bio</th>');
    expect(html).toMatch(/name="name" type="text" value="From tab two"/);
    expect(html).toContain(`name="version" value="${afterFirst.version}"`);
    const now = (await getMember(db, owner.member.did))!;
    expect(now.name).toBe('From tab one');
    expect(now.version).toBe(afterFirst.version);
  });
});
