/**
 * A person's own request and the admin's answer: withdrawing a pending
 * request asks first, acts only from its confirmation form (with its CSRF
 * token), and lets them ask again; the welcome or decline message goes
 * away when they dismiss it, and only for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Neighborhood } from '../../core/records/neighborhood';
import { getMember } from '../../edge/db/members';
import { decide } from '../../edge/db/membership';
import { getNeighborhood } from '../../edge/db/neighborhood';
import { allPages, open, readable, send } from './admin-support';
import { db, postForm, signIn, type SignedIn } from './support';
import { setJoinPolicy } from './neighbors';

const policy = setJoinPolicy;

let original: Neighborhood;
beforeAll(async () => {
  original = await getNeighborhood(db);
  await policy('approval');
});
afterAll(async () => {
  await policy(original.joinPolicy);
});

const stored = async (who: SignedIn) => (await getMember(db, who.member.did))!;

describe('withdrawing a request to join', () => {
  it('asks first, saying they can ask again, and changes nothing', async () => {
    const asker = await signIn({}, 'pending');
    const res = await open(asker, '/join/withdraw');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(readable(html)).toContain('you can ask to join again');
    expect(html).toContain('<form method="post" action="/join/withdraw"');
    expect(html).toContain(`name="_csrf" value="${asker.csrf}"`);
    expect((await stored(asker)).status).toBe('pending');
  });

  it('does not act on a form without the confirmation, and sends it to the question', async () => {
    const asker = await signIn({}, 'pending');
    const res = await send(asker, '/join/withdraw');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/join/withdraw');
    expect((await stored(asker)).status).toBe('pending');
  });

  it('refuses the confirmation without its CSRF token', async () => {
    const asker = await signIn({}, 'pending');
    const res = await postForm('/join/withdraw', { confirm: 'withdraw' }, { cookie: asker.cookie });
    expect(res.status).toBe(403);
    expect((await stored(asker)).status).toBe('pending');
  });

  it('makes them a visitor who may ask again, out of the admins’ queue', async () => {
    const asker = await signIn({ displayName: 'Withdrawing Wren' }, 'pending');
    const admin = await signIn({}, 'admin');
    expect(readable(await allPages(admin, '/admin/requests'))).toContain('Withdrawing Wren');
    const res = await send(asker, '/join/withdraw', { confirm: 'withdraw' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect((await stored(asker)).status).toBe('visitor');
    expect(readable(await allPages(admin, '/admin/requests'))).not.toContain('Withdrawing Wren');
    expect(await (await open(asker, '/')).text()).toContain('Ask to join</button>');
    expect((await send(asker, '/join')).status).toBe(303);
    expect((await stored(asker)).status).toBe('pending');
  });

  it('leaves anyone who is not pending as they are', async () => {
    for (const who of ['visitor', 'member'] as const) {
      const person = await signIn({}, who);
      const res = await send(person, '/join/withdraw', { confirm: 'withdraw' });
      expect(res.headers.get('location'), who).toBe('/');
      expect((await open(person, '/join/withdraw')).headers.get('location'), who).toBe('/');
      expect((await stored(person)).status, who).toBe(who);
    }
  });
});

describe('dismissing an admin’s answer', () => {
  it('takes a decline message away for good, back on the page it was on', async () => {
    const asker = await signIn({}, 'pending');
    await decide(db, asker.member.did, false, 'Street residents only.');
    for (const page of ['/', '/me'])
      expect(await (await open(asker, page)).text(), page).toContain('Street residents only.');
    const res = await send(asker, '/join/answer/dismiss', { back: '/me' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me');
    expect((await stored(asker)).decisionMessage).toBeUndefined();
    for (const page of ['/', '/me'])
      expect(await (await open(asker, page)).text(), page).not.toContain('Street residents only.');
  });

  it('takes a welcome away, and returns only to one of its own pages', async () => {
    const asker = await signIn({}, 'pending');
    await decide(db, asker.member.did, true, 'Welcome in!');
    const res = await send(asker, '/join/answer/dismiss', { back: 'https://elsewhere.example/' });
    expect(res.headers.get('location')).toBe('/');
    expect((await stored(asker)).status).toBe('member');
    expect((await stored(asker)).decisionMessage).toBeUndefined();
  });

  it('refuses a form without its CSRF token, and the message stays', async () => {
    const asker = await signIn({}, 'pending');
    await decide(db, asker.member.did, true, 'Welcome in!');
    const res = await postForm('/join/answer/dismiss', { back: '/' }, { cookie: asker.cookie });
    expect(res.status).toBe(403);
    expect((await stored(asker)).decisionMessage).toBe('Welcome in!');
  });
});
