/**
 * Joining and leaving: POST /join under each join policy and for each kind
 * of person, its rate limit and CSRF token; POST /leave and the last admin;
 * and invitation links in every state, shown and used.
 */
import { adminCountKey, type Neighborhood } from '../../core/records/neighborhood';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitation, getInvitation, revokeInvitation } from '../../edge/db/invitations';
import { type Invitation } from '../../core/records/invitations';
import { getMember } from '../../edge/db/members';
import { decide, remove } from '../../edge/db/membership';
import { getNeighborhood } from '../../edge/db/neighborhood';
import { nowSeconds } from '../../core/records/time';
import { db, get, postForm, signedOutBrowser, signIn, type SignedIn, anAdmin } from './support';
import { setJoinPolicy } from './neighbors';

const policy = setJoinPolicy;

let original: Neighborhood;
beforeAll(async () => {
  original = await getNeighborhood(db);
});
afterAll(async () => {
  await policy(original.joinPolicy);
});

const status = async (who: SignedIn) => (await getMember(db, who.member.did))?.status;
const post = (who: SignedIn, path: string, form: Record<string, string> = {}) =>
  postForm(path, { ...form, _csrf: who.csrf }, { cookie: who.cookie });
const leaving = { confirm: 'leave' };

function expectBackHome(res: Response) {
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/');
}

describe('POST /join', () => {
  it('makes a visitor a member at once when joining is open', async () => {
    await policy('open');
    const visitor = await signIn();
    expectBackHome(await post(visitor, '/join'));
    expect(await status(visitor)).toBe('member');
    const html = await (await get('/', { cookie: visitor.cookie })).text();
    expect(html).toContain('Welcome back');
  });

  it('makes a visitor pending when joining is on approval', async () => {
    await policy('approval');
    const visitor = await signIn();
    expectBackHome(await post(visitor, '/join'));
    expect(await status(visitor)).toBe('pending');
  });

  it('refuses with a friendly 403 when joining is by invitation only', async () => {
    await policy('invitation');
    const visitor = await signIn();
    const res = await post(visitor, '/join');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('Joining is by invitation');
    expect(html).toContain('invitation link');
    expect(await status(visitor)).toBe('visitor');
  });

  it('does not let a pending person join or ask again, even when joining turns open', async () => {
    await policy('approval');
    const pending = await signIn({}, 'pending');
    const before = await getMember(db, pending.member.did);
    await policy('open');
    expectBackHome(await post(pending, '/join'));
    const after = await getMember(db, pending.member.did);
    expect(after?.status).toBe('pending');
    expect(after?.version).toBe(before?.version);
  });

  it('sends a member back to the front page and changes nothing', async () => {
    await policy('open');
    const member = await signIn({}, 'admin');
    expectBackHome(await post(member, '/join'));
    const after = await getMember(db, member.member.did);
    expect(after?.role).toBe('admin');
    expect(after?.version).toBe(member.member.version);
  });

  it('does not let a removed person rejoin by themselves', async () => {
    await policy('open');
    const { member } = await signIn({}, 'member');
    await remove(db, member.did, anAdmin);
    const removed = await signIn({ did: member.did });
    const res = await post(removed, '/join');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('You were removed');
    expect(await status(removed)).toBe('removed');
  });

  it('lets a declined person ask again', async () => {
    await policy('approval');
    const person = await signIn({}, 'pending');
    await decide(db, person.member.did, false, 'Not yet');
    expectBackHome(await post(person, '/join'));
    const after = await getMember(db, person.member.did);
    expect(after?.status).toBe('pending');
    expect(after?.decisionMessage).toBeUndefined();
  });

  it('asks a signed-out browser to sign in first', async () => {
    const browser = await signedOutBrowser();
    const res = await postForm('/join', { _csrf: browser.csrf }, { cookie: browser.cookie });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Please sign in first');
  });

  it('refuses a form without its CSRF token and changes nothing', async () => {
    await policy('open');
    const visitor = await signIn();
    const res = await postForm('/join', {}, { cookie: visitor.cookie });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('That form has expired');
    expect(await status(visitor)).toBe('visitor');
  });

  it('answers the 6th request within the hour with a 429 that says when to try again', async () => {
    await policy('open');
    const person = await signIn();
    for (let i = 0; i < 5; i++) {
      expectBackHome(await post(person, '/join'));
      expectBackHome(await post(person, '/leave', leaving));
    }
    const res = await post(person, '/join');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(await res.text()).toMatch(/try again in (a minute|about \d+ minutes)/);
    expect(await status(person)).toBe('visitor');
    // The limit is per person: someone else may still join.
    const other = await signIn();
    expectBackHome(await post(other, '/join'));
    expect(await status(other)).toBe('member');
  });
});

describe('POST /leave', () => {
  const adminCount = adminCountKey;
  let savedCount: Record<string, unknown> | undefined;
  beforeAll(async () => {
    savedCount = await db.get(adminCount);
  });
  afterAll(async () => {
    if (savedCount) await db.put({ ...adminCount, ...savedCount });
  });

  it('asks first, saying what a member loses, and changes nothing', async () => {
    await policy('approval');
    const member = await signIn({}, 'member');
    const res = await get('/leave', { cookie: member.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('can no longer make or edit sites until you are a member again');
    expect(html).toContain('wait until an admin approves you');
    expect(html).toContain('<form method="post" action="/leave"');
    expect(html).toContain(`name="_csrf" value="${member.csrf}"`);
    expect(await status(member)).toBe('member');
  });

  it('sends a visitor asking to leave to the front page', async () => {
    const visitor = await signIn();
    expectBackHome(await get('/leave', { cookie: visitor.cookie }));
  });

  it('does not act on a form without the confirmation, and sends it to the question', async () => {
    const member = await signIn({}, 'member');
    const res = await post(member, '/leave');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/leave');
    expect(await status(member)).toBe('member');
  });

  it('makes a member a visitor and sends them to the front page', async () => {
    await policy('approval');
    const member = await signIn({}, 'member');
    expectBackHome(await post(member, '/leave', leaving));
    expect(await status(member)).toBe('visitor');
    const html = await (await get('/', { cookie: member.cookie })).text();
    expect(html).toContain('Ask to join</button>');
  });

  it('refuses the last admin with a 409 page, and they stay an admin', async () => {
    const admin = await signIn({}, 'admin');
    await db.put({ ...adminCount, count: 1 });
    const res = await post(admin, '/leave', leaving);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('You are the last admin');
    expect(html).toContain('Make another member an admin first');
    const after = await getMember(db, admin.member.did);
    expect(after?.status).toBe('member');
    expect(after?.role).toBe('admin');
  });

  it('lets an admin leave when another admin remains', async () => {
    const admin = await signIn({}, 'admin');
    await db.put({ ...adminCount, count: 2 });
    expectBackHome(await post(admin, '/leave', leaving));
    expect(await status(admin)).toBe('visitor');
    expect((await db.get<{ count: number }>(adminCount))?.count).toBe(1);
  });

  it('refuses a form without its CSRF token', async () => {
    const member = await signIn({}, 'member');
    expect((await postForm('/leave', leaving, { cookie: member.cookie })).status).toBe(403);
    expect(await status(member)).toBe('member');
  });
});

describe('invitation links', () => {
  async function invitation(
    options: { maxUses?: number; note?: string } = {},
  ): Promise<Invitation> {
    const admin = await signIn({}, 'admin');
    return createInvitation(db, {
      createdByDid: admin.member.did,
      createdByHandle: admin.member.handle,
      maxUses: options.maxUses ?? 5,
      note: options.note,
      validDays: 7,
    });
  }
  const expire = (code: string) =>
    db.update({ pk: `INVITATION#${code}`, sk: 'INVITATION' }, 'SET validUntil = :past', {
      values: { ':past': nowSeconds() - 60 },
    });
  const uses = async (code: string) => (await getInvitation(db, code))?.uses;

  describe('GET /invitations/:code', () => {
    it('shows a signed-out browser the neighborhood, the note and a sign-in form that comes back', async () => {
      const { code } = await invitation({ note: 'Welcome from <number 12>!' });
      const res = await get(`/invitations/${code}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
      expect(res.headers.get('vary')).toContain('Cookie');
      const html = await res.text();
      expect(html).toContain('<h1>Oak Street</h1>');
      expect(html).toContain('Forty-odd households');
      expect(html).toContain('Welcome from &lt;number 12&gt;!');
      expect(html).toContain('action="/login"');
      expect(html).toContain(`<input type="hidden" name="next" value="/invitations/${code}"/>`);
      expect(html).not.toContain(`action="/invitations/${code}/join"`);
    });

    it.each(['visitor', 'pending'] as const)(
      'offers a %s a Join button, whatever the join policy',
      async (as) => {
        await policy('invitation');
        const { code } = await invitation();
        const who = await signIn({}, as);
        const html = await (await get(`/invitations/${code}`, { cookie: who.cookie })).text();
        expect(html).toMatch(new RegExp(`<form method="post" action="/invitations/${code}/join"`));
        expect(html).toContain(`name="_csrf" value="${who.csrf}"`);
        expect(html).toContain('Join Oak Street</button>');
      },
    );

    it('offers a removed person a Join button too', async () => {
      const { code } = await invitation();
      const { member } = await signIn({}, 'member');
      await remove(db, member.did, anAdmin);
      const removed = await signIn({ did: member.did });
      const html = await (await get(`/invitations/${code}`, { cookie: removed.cookie })).text();
      expect(html).toContain(`action="/invitations/${code}/join"`);
    });

    it('tells a member they are already a member, with no button', async () => {
      const { code } = await invitation();
      const member = await signIn({}, 'member');
      const html = await (await get(`/invitations/${code}`, { cookie: member.cookie })).text();
      expect(html).toContain('You are already a member');
      expect(html).not.toContain(`action="/invitations/${code}/join"`);
    });

    it('says plainly that an expired link has expired (410)', async () => {
      const { code } = await invitation();
      await expire(code);
      const res = await get(`/invitations/${code}`);
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(html).toContain('This invitation has expired');
      expect(html).toContain('Ask the neighbor who sent it for a new link');
    });

    it('says plainly that a revoked link was withdrawn (410)', async () => {
      const { code } = await invitation();
      await revokeInvitation(db, code);
      const res = await get(`/invitations/${code}`);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('This invitation was withdrawn');
    });

    it('answers an unknown code with a 404', async () => {
      for (const code of ['AAAAAAAAAAAAAAAAAAAAAA', 'short', 'not%20a%20code']) {
        const res = await get(`/invitations/${code}`);
        expect(res.status).toBe(404);
        expect(await res.text()).toContain('No such invitation');
      }
    });
  });

  describe('POST /invitations/:code/join', () => {
    it('makes a visitor a member even when joining is by invitation, and counts one use', async () => {
      await policy('invitation');
      const { code } = await invitation();
      const visitor = await signIn();
      expectBackHome(await post(visitor, `/invitations/${code}/join`));
      expect(await status(visitor)).toBe('member');
      expect(await uses(code)).toBe(1);
    });

    it('lets a pending person in without waiting for an admin', async () => {
      const { code } = await invitation();
      const pending = await signIn({}, 'pending');
      expectBackHome(await post(pending, `/invitations/${code}/join`));
      expect(await status(pending)).toBe('member');
    });

    it('says the link is used up (410) once maxUses people have joined with it', async () => {
      const { code } = await invitation({ maxUses: 2 });
      for (const who of [await signIn(), await signIn()])
        expectBackHome(await post(who, `/invitations/${code}/join`));
      const late = await signIn();
      const res = await post(late, `/invitations/${code}/join`);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('This invitation has been used up');
      expect(await status(late)).toBe('visitor');
      expect(await uses(code)).toBe(2);
      expect((await get(`/invitations/${code}`)).status).toBe(410);
    });

    it('says an expired or revoked link cannot be used (410) and does not let them in', async () => {
      const expired = await invitation();
      await expire(expired.code);
      const revoked = await invitation();
      await revokeInvitation(db, revoked.code);
      const visitor = await signIn();
      const first = await post(visitor, `/invitations/${expired.code}/join`);
      expect(first.status).toBe(410);
      expect(await first.text()).toContain('This invitation has expired');
      const second = await post(visitor, `/invitations/${revoked.code}/join`);
      expect(second.status).toBe(410);
      expect(await second.text()).toContain('This invitation was withdrawn');
      expect(await status(visitor)).toBe('visitor');
    });

    it('answers an unknown code with a 404', async () => {
      const visitor = await signIn();
      const res = await post(visitor, '/invitations/AAAAAAAAAAAAAAAAAAAAAA/join');
      expect(res.status).toBe(404);
      expect(await status(visitor)).toBe('visitor');
    });

    it('sends a member back home without spending a use', async () => {
      const { code } = await invitation({ maxUses: 1 });
      const member = await signIn({}, 'member');
      expectBackHome(await post(member, `/invitations/${code}/join`));
      expect(await uses(code)).toBe(0);
    });

    it('asks a signed-out browser to sign in and come back to the link', async () => {
      const { code } = await invitation();
      const browser = await signedOutBrowser();
      const res = await postForm(
        `/invitations/${code}/join`,
        { _csrf: browser.csrf },
        { cookie: browser.cookie },
      );
      expect(res.status).toBe(401);
      expect(await res.text()).toContain(`next=${encodeURIComponent(`/invitations/${code}`)}`);
      expect(await uses(code)).toBe(0);
    });

    it('refuses a form without its CSRF token and spends no use', async () => {
      const { code } = await invitation();
      const visitor = await signIn();
      const res = await postForm(`/invitations/${code}/join`, {}, { cookie: visitor.cookie });
      expect(res.status).toBe(403);
      expect(await status(visitor)).toBe('visitor');
      expect(await uses(code)).toBe(0);
    });
  });
});
