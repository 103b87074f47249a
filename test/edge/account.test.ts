/**
 * The person's own area: /me says where they stand and links to what they
 * can do; /me/export hands them everything held about them; /me/delete
 * deletes their account only when they type their handle, never the last
 * admin's, ends every session and takes their sites with it, however many
 * items they hold (in more than one go when they hold many).
 */
import { adminCountKey } from '../../core/records/neighborhood';
import { describe, expect, it } from 'vitest';
import { marshalItem, unmarshalItem, type AttributeValue } from '../../core/records/marshal';
import { itemRecord, sitePartition, slugKey } from '../../core/records/sites';
import { createItem, listItems, trashItem } from '../../edge/db/items';
import { getMember, updateMember } from '../../edge/db/members';
import { remove } from '../../edge/db/membership';
import { getSite } from '../../edge/db/sites';
import { db, get, ORIGIN, postForm, signIn, type SignedIn, anAdmin } from './support';
import { createTestSite } from './site-support';

const entry = (i: number) => ({
  kind: 'entry' as const,
  title: `Post ${i}`,
  slug: `post-${i}`,
  date: '2026-05-01',
  tags: [],
  summary: '',
  body: `Words of post ${i}.`,
  status: 'draft' as const,
  link: '',
  imageUrl: '',
  imageAlt: '',
});

/** Writes `count` entries and their slug claims straight into the table, 25 records a call. */
async function fill(site: string, count: number) {
  const at = new Date().toISOString();
  const records = Array.from({ length: count }, (_, i) => {
    const item = { ...entry(i), id: crypto.randomUUID(), site, createdAt: at, updatedAt: at };
    return [
      itemRecord({ ...item, version: 1 }),
      { ...slugKey(site, item.slug), itemId: item.id, claimedAt: at },
    ];
  }).flat();
  for (let i = 0; i < records.length; i += 25) {
    const batch = records.slice(i, i + 25).map((r) => ({ PutRequest: { Item: marshalItem(r) } }));
    await db.call('BatchWriteItem', { RequestItems: { [db.table]: batch } });
  }
}

/** Every record in the table that mentions `did` or lies in one of `sites`' partitions. */
async function traces(did: string, sites: string[]) {
  const found: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.call<{
      Items: Record<string, AttributeValue>[];
      LastEvaluatedKey?: Record<string, AttributeValue>;
    }>('Scan', { TableName: db.table, ...(start && { ExclusiveStartKey: start }) });
    for (const record of out.Items.map(unmarshalItem)) {
      if (JSON.stringify(record).includes(did) || sites.some((s) => record.pk === sitePartition(s)))
        found.push(record);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return found;
}

describe('GET /me', () => {
  it('is headed for what it is, the person’s own page', async () => {
    const { cookie } = await signIn({}, 'member');
    const html = await (await get('/me', { cookie })).text();
    expect([...html.matchAll(/<h1>([^<]*)<\/h1>/g)].map((m) => m[1])).toEqual(['Your account']);
  });

  it('says where each person stands, in words', async () => {
    const expected = {
      visitor: 'You are signed in, but not a member of the neighborhood.',
      pending: 'You asked to join. An admin will answer soon.',
      member: 'You are a member of the neighborhood.',
      admin: 'You are an admin of the neighborhood.',
    } as const;
    for (const [as, words] of Object.entries(expected)) {
      const { cookie } = await signIn({}, as as keyof typeof expected);
      expect(await (await get('/me', { cookie })).text()).toContain(words);
    }
    const removed = await signIn({}, 'member');
    await remove(db, removed.member.did, anAdmin);
    const again = await signIn({ did: removed.member.did, handle: removed.member.handle });
    const html = await (await get('/me', { cookie: again.cookie })).text();
    expect(html).toContain('An admin removed you from the neighborhood.');
    expect(html).toContain('you can still download it');
  });

  it('gives a member links to their profile and its form, their data, and to leaving, apart from sign-out', async () => {
    const { member, cookie, csrf } = await signIn({}, 'member');
    const res = await get('/me', { cookie });
    const html = await res.text();
    expect(html).toContain(`href="/members/${member.handle}"`);
    expect(html).toContain(`href="/members/${member.handle}/edit"`);
    expect(html).toContain('href="/me/export"');
    expect(html).toContain('href="/me/delete"');
    expect(html).toMatch(/<h1>Your account<\/h1>/);
    expect(html).not.toContain('You are signed in');
    expect(html).toContain('<a href="/leave">');
    expect(html).not.toContain('action="/leave"');
    expect(html.split(`name="_csrf" value="${csrf}"`).length - 1).toBe(1);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('shows own words over Bluesky’s', async () => {
    const { member, cookie } = await signIn({ displayName: 'Bluesky Name' }, 'member');
    await updateMember(db, member.did, (m) => m && { ...m, name: 'Own Name' });
    expect(await (await get('/me', { cookie })).text()).toContain('<p class="name">Own Name</p>');
  });

  it('gives a visitor their data links but no profile links or way to leave', async () => {
    const { member, cookie } = await signIn({}, 'visitor');
    const html = await (await get('/me', { cookie })).text();
    expect(html).toContain('href="/me/export"');
    expect(html).toContain('href="/me/delete"');
    expect(html).not.toContain(`/members/${member.handle}`);
    expect(html).not.toContain('action="/leave"');
    expect(html).not.toContain('href="/leave"');
  });
});

describe('GET /me/export', () => {
  it('downloads everything held about a member as JSON, without OAuth tokens', async () => {
    const first = await signIn({ displayName: 'Exporter' }, 'member');
    const second = await signIn(
      { did: first.member.did, handle: first.member.handle, displayName: 'Exporter' },
      'member',
    );
    await updateMember(
      db,
      first.member.did,
      (m) =>
        m && {
          ...m,
          bio: 'My own bio',
          links: [{ label: 'Site', url: 'https://site.example/' }],
        },
    );
    await db.put({
      pk: `MEMBER#${first.member.did}`,
      sk: 'OAUTH_SESSION',
      value: '{"tokenSet":{"access_token":"secret-access-token"}}',
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    const before = Date.now();
    const res = await get('/me/export', { cookie: first.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(
        `^attachment; filename="nbhd-${first.member.handle}-\\d{4}-\\d\\d-\\d\\d\\.json"$`,
      ),
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const text = await res.text();
    expect(text).not.toContain('secret-access-token');
    const data = JSON.parse(text);
    expect(Date.parse(data.exportedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(data.member).toMatchObject({
      did: first.member.did,
      handle: first.member.handle,
      displayName: 'Exporter',
      bio: 'My own bio',
      links: [{ label: 'Site', url: 'https://site.example/' }],
      status: 'member',
      role: 'member',
      listed: true,
    });
    expect(data.member.joinedAt).toBeDefined();
    expect(data.member.pk).toBeUndefined();
    expect(data.sessions.map((s: { id: string }) => s.id).sort()).toEqual(
      [first.session.id, second.session.id].sort(),
    );
    expect(data.sessions[0].createdAt).toBeDefined();
    expect(data.blueskySignIn.held).toBe(true);
  });

  it('includes each of their sites with its settings and every item’s text, trash included', async () => {
    const who = await signIn({}, 'member');
    const blog = await createTestSite(who.member.did);
    const showcase = await createTestSite(who.member.did, 'showcase');
    const made = [];
    // Long texts, so reading the site's partition takes more than one page of 1 MB.
    for (let i = 0; i < 14; i++) {
      const body = `Ünïcode “quotes” & <tags> ${i}\n\n${'word '.repeat(18_000)}${i}`;
      made.push(await createItem(db, blog.name, { ...entry(i), body }));
    }
    const trashed = await trashItem(db, blog.name, made[0]!.id);
    const page = await createItem(db, showcase.name, {
      ...entry(99),
      kind: 'page',
      slug: 'about',
      body: 'About me.',
    });
    const neighbor = await signIn({}, 'member');
    const theirs = await createTestSite(neighbor.member.did);
    await createItem(db, theirs.name, { ...entry(0), body: 'Not yours to download.' });

    const text = await (await get('/me/export', { cookie: who.cookie })).text();
    const data = JSON.parse(text);
    expect(data.format).toBe(1);
    expect(data.sites.map((s: { name: string }) => s.name)).toEqual([blog.name, showcase.name]);
    const [first, second] = data.sites;
    expect(first).toMatchObject({ template: 'blog', settings: blog.settings });
    expect(first.url).toContain(blog.name);
    expect(first.zip).toContain(`${ORIGIN}/sites/${blog.name}/settings`);
    expect(first.items.map((i: { id: string }) => i.id)).toEqual(made.map((i) => i.id));
    for (const [n, item] of first.items.entries()) expect(item.body).toBe(made[n]!.body);
    expect(first.items[0]).toMatchObject({ inTrash: true, deletedAt: trashed!.deletedAt });
    expect(first.items[0].purgeOn).toBeDefined();
    expect(first.items[1].inTrash).toBe(false);
    expect(second.items).toEqual([
      expect.objectContaining({ id: page.id, kind: 'page', body: 'About me.', inTrash: false }),
    ]);
    expect(text).not.toContain(theirs.name);
    expect(text).not.toContain('Not yours to download.');
  });

  it('works for a visitor and for a removed person', async () => {
    const visitor = await signIn({}, 'visitor');
    const visitorData = await (await get('/me/export', { cookie: visitor.cookie })).json();
    expect(visitorData).toMatchObject({ member: { status: 'visitor' } });

    const removed = await signIn({}, 'member');
    await remove(db, removed.member.did, anAdmin);
    const again = await signIn({ did: removed.member.did, handle: removed.member.handle });
    const res = await get('/me/export', { cookie: again.cookie });
    expect(res.status).toBe(200);
    const data = (await res.json()) as { member: { status: string; removedAt?: string } };
    expect(data.member.status).toBe('removed');
    expect(data.member.removedAt).toBeDefined();
  });

  it('asks a signed-out person to sign in', async () => {
    expect((await get('/me/export')).status).toBe(401);
  });
});

describe('/me/delete', () => {
  const confirm = (who: SignedIn, typed: string) =>
    postForm('/me/delete', { _csrf: who.csrf, confirm: typed }, { cookie: who.cookie });

  it('asks for the handle to be typed', async () => {
    const who = await signIn({}, 'member');
    const res = await get('/me/delete', { cookie: who.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/me/delete">');
    expect(html).toContain(`type your handle: ${who.member.handle}`);
    expect(html).toContain(`name="_csrf" value="${who.csrf}"`);
  });

  it('deletes nothing when the typed text is not the handle, and names the problem', async () => {
    const who = await signIn({}, 'member');
    const res = await confirm(who, 'someone-else.test');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`That is not your handle. Type ${who.member.handle} exactly`);
    expect(html).toMatch(/name="confirm" type="text" value="someone-else.test"/);
    expect(await getMember(db, who.member.did)).toBeDefined();
    expect((await get('/me', { cookie: who.cookie })).status).toBe(200);
    expect((await confirm(who, '')).status).toBe(400);
  });

  it('deletes the account, ends every session and clears the cookie when the handle is typed', async () => {
    const who = await signIn({}, 'member');
    const elsewhere = await signIn({ did: who.member.did, handle: who.member.handle });
    const res = await confirm(who, ` @${who.member.handle.toUpperCase()} `);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me/deleted');
    expect(res.headers.get('set-cookie')).toMatch(/nbhd_session=; Max-Age=0/);
    expect(await getMember(db, who.member.did)).toBeUndefined();
    expect((await get('/me', { cookie: who.cookie })).status).toBe(303);
    expect((await get('/me', { cookie: elsewhere.cookie })).status).toBe(303);
    expect((await get(`/members/${who.member.handle}`)).status).toBe(404);
    const goodbye = await get('/me/deleted');
    expect(await goodbye.text()).toContain('Your account is deleted');
  });

  it('names the sites that go with the account', async () => {
    const who = await signIn({}, 'member');
    const one = await createTestSite(who.member.did);
    const two = await createTestSite(who.member.did, 'showcase');
    const html = await (await get('/me/delete', { cookie: who.cookie })).text();
    expect(html).toContain('Your 2 sites go too');
    expect(html).toContain(`<strong>${one.name}</strong>`);
    expect(html).toContain(`<strong>${two.name}</strong>`);
    expect(html).toContain('unused for 30 days');
  });

  it('deletes their sites and everything in them, holds the names, and leaves others’ sites', async () => {
    const who = await signIn({}, 'member');
    const big = await createTestSite(who.member.did);
    const small = await createTestSite(who.member.did, 'showcase');
    for (let i = 0; i < 30; i++) {
      const item = await createItem(db, big.name, entry(i));
      if (i < 3) await trashItem(db, big.name, item.id);
    }
    await createItem(db, small.name, entry(0));
    const neighbor = await signIn({}, 'member');
    const theirs = await createTestSite(neighbor.member.did);
    await createItem(db, theirs.name, entry(0));

    const res = await confirm(who, who.member.handle);
    expect(res.headers.get('location')).toBe('/me/deleted');

    const left = await traces(who.member.did, [big.name, small.name]);
    expect(left.map((r) => r.pk).sort()).toEqual(
      [sitePartition(big.name), sitePartition(small.name)].sort(),
    );
    expect(left.every((r) => r.sk === 'SITE' && r.ownerDid === undefined)).toBe(true);
    // Held: a newcomer cannot take the name yet, and the name check says so.
    const newcomer = await signIn({}, 'member');
    const check = await postForm(
      '/sites/new/check',
      { _csrf: newcomer.csrf, name: big.name },
      { cookie: newcomer.cookie },
    );
    expect(await check.text()).toContain(`“${big.name}” is taken.`);
    const taken = await postForm(
      '/sites',
      { _csrf: newcomer.csrf, name: big.name, template: 'blog' },
      { cookie: newcomer.cookie },
    );
    expect(taken.status).toBe(409);

    expect((await getSite(db, theirs.name))?.ownerDid).toBe(neighbor.member.did);
    expect((await listItems(db, theirs.name)).entries).toHaveLength(1);
    expect((await get(`/sites/${theirs.name}`, { cookie: neighbor.cookie })).status).toBe(200);
  });

  it('hides a big site at once and carries on deleting it when asked', async () => {
    const who = await signIn({}, 'member');
    const big = await createTestSite(who.member.did);
    await fill(big.name, 400);

    const first = await confirm(who, who.member.handle);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('Your account is not deleted yet');
    expect(html).toContain('<form method="post" action="/me/delete">');
    expect(html).toContain(`name="confirm" value="${who.member.handle}"`);
    expect(await getMember(db, who.member.did)).toBeDefined();
    expect((await get(`/sites/${big.name}`, { cookie: who.cookie })).status).toBe(404);
    expect(await (await get('/sites', { cookie: who.cookie })).text()).not.toContain(big.name);

    let goes = 1;
    let res = first;
    while (res.status === 200) {
      res = await confirm(who, who.member.handle);
      goes++;
    }
    expect(res.headers.get('location')).toBe('/me/deleted');
    expect(goes).toBeGreaterThan(1);
    const left = await traces(who.member.did, [big.name]);
    expect(left.map((r) => r.sk)).toEqual(['SITE']);
    expect(await getMember(db, who.member.did)).toBeUndefined();
  });

  it('refuses to delete the last admin, with a friendly 409, and keeps everything', async () => {
    const admin = await signIn({}, 'admin');
    const site = await createTestSite(admin.member.did);
    const previous = await db.get(adminCountKey);
    await db.put({ ...adminCountKey, count: 1 });
    try {
      const res = await confirm(admin, admin.member.handle);
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('You are the last admin');
      expect(await getMember(db, admin.member.did)).toMatchObject({ role: 'admin' });
      expect((await get('/me', { cookie: admin.cookie })).status).toBe(200);
      expect((await getSite(db, site.name))?.ownerDid).toBe(admin.member.did);
    } finally {
      if (previous) await db.put({ ...adminCountKey, ...previous });
    }
  });

  it('asks a signed-out person to sign in', async () => {
    expect((await get('/me/delete')).status).toBe(401);
  });
});
