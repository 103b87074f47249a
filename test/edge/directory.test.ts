/**
 * The member directory: who may see it (anyone, or members only), who is on
 * it (listed members only), its two orders, paging by cursor, and its cost
 * (at most three DynamoDB requests a page).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { updateMember } from '../../edge/db/members';
import { cardNames, dynamoCalls, nextLink, setVisibility } from './neighbors';
import { db, get, signIn } from './support';

const unique = () => crypto.randomUUID().slice(0, 8);

afterAll(() => setVisibility('public'));

describe('GET /members when the directory is for members only', () => {
  it('asks a signed-out person to sign in', async () => {
    await setVisibility('members');
    await signIn({ displayName: 'Hidden Neighbor' }, 'member');
    const res = await get('/members');
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('Please sign in first');
    expect(html).toContain('href="/?next=%2Fmembers#sign-in-heading"');
    expect(html).not.toContain('Hidden Neighbor');
  });

  it('tells a signed-in visitor and a pending person it is for members', async () => {
    await setVisibility('members');
    for (const as of ['visitor', 'pending'] as const) {
      const { cookie } = await signIn({}, as);
      const res = await get('/members', { cookie });
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(html).toContain('For members only');
      expect(html).not.toContain('class="members"');
    }
  });

  it('shows members the directory', async () => {
    await setVisibility('members');
    const name = `Member ${unique()}`;
    await signIn({ displayName: name }, 'member');
    const { cookie } = await signIn({}, 'member');
    const res = await get('/members', { cookie });
    expect(res.status).toBe(200);
    expect(cardNames(await res.text())).toContain(name);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toContain('Cookie');
  });
});

describe('GET /members when the directory is public', () => {
  it('shows anyone the listed members, with avatar, name, handle and profile link', async () => {
    await setVisibility('public');
    const { member } = await signIn(
      { displayName: `Public <${unique()}>`, avatarUrl: 'https://pds.example/avatar.png' },
      'member',
    );
    const html = await (await get('/members')).text();
    expect(html).toContain(`<a href="/members/${member.handle}" class="name">`);
    expect(cardNames(html)).toContain(
      member.displayName!.replace('<', '&lt;').replace('>', '&gt;'),
    );
    expect(html).toContain(`@${member.handle}`);
    expect(html).toContain('src="https://pds.example/avatar.png"');
  });

  it('leaves out members who chose not to be listed, and people who are not members', async () => {
    await setVisibility('public');
    const listed = await signIn({ displayName: `Listed ${unique()}` }, 'member');
    const unlisted = await signIn({ displayName: `Unlisted ${unique()}` }, 'member');
    await updateMember(db, unlisted.member.did, (m) => m && { ...m, listed: false });
    const visitor = await signIn({ displayName: `Visitor ${unique()}` }, 'visitor');
    const pending = await signIn({ displayName: `Pending ${unique()}` }, 'pending');
    // Newest first: had the unlisted member been listed, they would top this page.
    const names = cardNames(await (await get('/members')).text());
    expect(names[0]).toBe(listed.member.displayName);
    expect(names).not.toContain(unlisted.member.displayName);
    expect(names).not.toContain(visitor.member.displayName);
    expect(names).not.toContain(pending.member.displayName);
  });
});

describe('GET /members, paged', () => {
  it('shows 24 newest first, and the rest on the next page by its cursor', async () => {
    await setVisibility('public');
    const batch = unique();
    const made: string[] = [];
    for (let i = 0; i < 30; i++) {
      made.push(`Paged ${batch} ${String(i).padStart(2, '0')}`);
      await signIn({ displayName: made[i] }, 'member');
      // Joining times a millisecond or more apart, so "newest first" has one right answer.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await (await get('/members')).text();
    const firstNames = cardNames(first);
    expect(firstNames).toEqual(made.slice(6).reverse());
    const next = nextLink(first);
    expect(next).toMatch(/^\/members\?order=newest&after=[\w-]+$/);

    const secondNames = cardNames(await (await get(next!)).text());
    expect(secondNames.slice(0, 6)).toEqual(made.slice(0, 6).reverse());
    expect(secondNames.filter((n) => firstNames.includes(n))).toEqual([]);
  });

  it('lists by name, ignoring case, when asked', async () => {
    await setVisibility('public');
    const batch = unique();
    // Made in name order, so newest-first would list them backwards.
    const names = [`amy ${batch}`, `Milo ${batch}`, `Zed ${batch}`];
    for (const displayName of names) await signIn({ displayName }, 'member');
    const seen: string[] = [];
    let path: string | undefined = '/members?order=name';
    while (path) {
      const html = await (await get(path)).text();
      seen.push(...cardNames(html));
      path = nextLink(html);
      if (path) expect(path).toContain('order=name');
    }
    expect(seen.filter((n) => n.endsWith(batch))).toEqual(names);
  });

  it('shows the first page for a mangled or foreign cursor instead of failing', async () => {
    await setVisibility('public');
    const first = await (await get('/members')).text();
    // Well-formed keys, but of the pending list, or of the A–Z order, not of this query.
    const foreign = [
      { gsi1pk: 'PENDING', gsi1sk: '2026-01-01#did:plc:x', pk: 'MEMBER#did:plc:x', sk: 'PROFILE' },
      { gsi2pk: 'DIRECTORY', gsi2sk: 'ann#did:plc:x', pk: 'MEMBER#did:plc:x', sk: 'PROFILE' },
    ].map((key) => btoa(JSON.stringify(key)).replace(/=+$/, ''));
    for (const cursor of ['not-a-cursor', ...foreign]) {
      const res = await get(`/members?after=${cursor}`);
      expect(res.status, cursor).toBe(200);
      const names = (html: string) => [...html.matchAll(/class="name">([^<]+)</g)].map((m) => m[1]);
      expect(names(await res.text()), cursor).toEqual(names(first));
    }
  });
});

describe('GET /members, cost', () => {
  it('makes three DynamoDB requests signed in: viewer with neighborhood, the page, its sites', async () => {
    await setVisibility('public');
    const { cookie } = await signIn({}, 'member');
    let status = 0;
    const calls = await dynamoCalls(async () => {
      status = (await get('/members?order=name', { cookie })).status;
    });
    expect(status).toBe(200);
    expect(calls).toEqual(['BatchGetItem', 'Query', 'Query']);
  });
});
