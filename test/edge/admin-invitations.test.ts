/**
 * /admin/invitations: making a link (bad numbers come back next to their
 * field), the list newest first with the full link, note, uses, expiry and
 * state, paging, revoking, and the per-admin limit on making links. Making
 * and revoking are logged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../edge/db/audit';
import { createInvitation, getInvitation, listInvitations } from '../../edge/db/invitations';
import { invitationState } from '../../core/records/invitations';
import { allow, limits } from '../../edge/db/rate-limit';
import { allPages, open, readable, send } from './admin-support';
import { db, ORIGIN, signIn, type SignedIn } from './support';

let admin: SignedIn;

beforeAll(async () => {
  admin = await signIn({}, 'admin');
});

const newest = async () => (await listInvitations(db)).items[0];
const newestAudit = async () => (await listAudit(db, undefined, 1)).items[0];

describe('POST /admin/invitations', () => {
  it('makes a link with the chosen expiry, uses and note, logs it and redirects', async () => {
    const startedAt = Math.floor(Date.now() / 1000);
    const res = await send(admin, '/admin/invitations', {
      validDays: '3',
      maxUses: '2',
      note: 'For the Okafors at 14',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/invitations?done=created');
    const made = (await newest())!;
    expect(made).toMatchObject({
      maxUses: 2,
      uses: 0,
      note: 'For the Okafors at 14',
      createdByDid: admin.member.did,
    });
    expect(made.validUntil - startedAt).toBeGreaterThanOrEqual(3 * 86400 - 5);
    expect(made.validUntil - startedAt).toBeLessThanOrEqual(3 * 86400 + 5);
    const entry = await newestAudit();
    expect(entry).toMatchObject({ action: 'invitation.create', actorDid: admin.member.did });
    expect(entry?.detail).toContain(made.code.slice(0, 6));
    expect(entry?.detail).toContain('For the Okafors at 14');
    expect(entry?.detail).toContain('valid 3 days, up to 2 uses');

    const page = await (await open(admin, '/admin/invitations?done=created')).text();
    const text = readable(page);
    expect(text).toContain('Link made.');
    expect(page).toContain(`value="${ORIGIN}/invitations/${made.code}"`);
    expect(text).toContain('Link: For the Okafors at 14 (Valid)');
    expect(text).toContain('Used 0 of 2 times.');
    expect(page).toContain(`action="/admin/invitations/${made.code}/revoke"`);
  });

  it('offers 14 days and 10 uses by default', async () => {
    const html = await (await open(admin, '/admin/invitations')).text();
    expect(html).toContain('name="validDays" type="number" value="14"');
    expect(html).toContain('name="maxUses" type="number" value="10"');
  });

  it.each([
    ['0 days', { validDays: '0' }, 'validDays', 'from 1 to 90'],
    ['91 days', { validDays: '91' }, 'validDays', 'from 1 to 90'],
    ['no days', { validDays: '' }, 'validDays', 'from 1 to 90'],
    ['0 uses', { maxUses: '0' }, 'maxUses', 'from 1 to 100'],
    ['101 uses', { maxUses: '101' }, 'maxUses', 'from 1 to 100'],
    ['"ten" uses', { maxUses: 'ten' }, 'maxUses', 'from 1 to 100'],
    ['a long note', { note: 'n'.repeat(201) }, 'note', '200 characters or fewer'],
  ])(
    'refuses %s next to the field, keeps the input and makes nothing',
    async (_, change, field, message) => {
      const before = await newest();
      const form = { validDays: '7', maxUses: '5', note: 'Kept <note>', ...change };
      const res = await send(admin, '/admin/invitations', form);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(
        new RegExp(`<p class="error" id="${field}-error" role="alert">[^<]*${message}`),
      );
      if (field !== 'note') expect(html).toContain('value="Kept &lt;note&gt;"');
      expect(await newest()).toEqual(before);
    },
  );
});

describe('GET /admin/invitations', () => {
  it('says on the form that the invitee sees the note, as the invitation page shows it', async () => {
    const form = readable(await (await open(admin, '/admin/invitations')).text());
    expect(form).toContain('Note to the invitee (optional)');
    expect(form).toContain('Whoever opens the link sees it');
    const invitation = await createInvitation(db, {
      createdByDid: admin.member.did,
      createdByHandle: admin.member.handle,
      validDays: 1,
      maxUses: 1,
      note: 'For the Okafors at number 9',
    });
    const page = await (await open(admin, `/invitations/${invitation.code}`)).text();
    expect(page).toContain('For the Okafors at number 9');
  });

  it('lists every link, newest first, a page at a time', async () => {
    for (let i = 0; i < 26; i++) {
      await createInvitation(db, {
        createdByDid: admin.member.did,
        createdByHandle: admin.member.handle,
        validDays: 1,
        maxUses: 1,
        note: `paging ${String(i).padStart(2, '0')}`,
      });
      // Links made in the same millisecond have no order between them; keep these apart.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await (await open(admin, '/admin/invitations')).text();
    expect(first).toContain('paging 25');
    expect(first.indexOf('paging 25')).toBeLessThan(first.indexOf('paging 24'));
    expect(first).not.toContain('paging 00');
    expect(first).toMatch(/<a href="\/admin\/invitations\?after=[\w-]+" rel="next">/);
    expect(await allPages(admin, '/admin/invitations')).toContain('paging 00');
  });

  it('shows each state plainly, with a revoke form only for links that still work', async () => {
    const make = (validDays: number) =>
      createInvitation(db, {
        createdByDid: admin.member.did,
        createdByHandle: admin.member.handle,
        validDays,
        maxUses: 1,
        note: `state ${validDays}`,
      });
    const expired = await make(0);
    const text = readable(await (await open(admin, '/admin/invitations')).text());
    expect(text).toContain('Link: state 0 (Expired)');
    expect(text).toContain('Expired ');
    const html = await (await open(admin, '/admin/invitations')).text();
    expect(html).not.toContain(`/admin/invitations/${expired.code}/revoke`);
  });
});

describe('POST /admin/invitations/:code/revoke', () => {
  it('revokes the link, logs it, and the list says so', async () => {
    await send(admin, '/admin/invitations', { validDays: '7', maxUses: '5', note: 'To revoke' });
    const link = (await newest())!;
    const res = await send(admin, `/admin/invitations/${link.code}/revoke`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/invitations?done=revoked');
    expect(invitationState((await getInvitation(db, link.code))!)).toBe('revoked');
    const entry = await newestAudit();
    expect(entry).toMatchObject({ action: 'invitation.revoke', actorDid: admin.member.did });
    expect(entry?.detail).toContain(link.code.slice(0, 6));
    const html = await (await open(admin, '/admin/invitations?done=revoked')).text();
    expect(readable(html)).toContain('Link: To revoke (Revoked)');
    expect(readable(html)).toContain('Link revoked.');
    expect(html).not.toContain(`/admin/invitations/${link.code}/revoke`);

    // Revoking again changes and logs nothing.
    expect((await send(admin, `/admin/invitations/${link.code}/revoke`)).status).toBe(303);
    expect(await newestAudit()).toEqual(entry);
  });

  it('answers 404 for a link that does not exist', async () => {
    for (const code of ['AAAAAAAAAAAAAAAAAAAAAA', 'x'])
      expect((await send(admin, `/admin/invitations/${code}/revoke`)).status).toBe(404);
  });
});

describe('the limit on making links', () => {
  it(`stops an admin at ${limits.invitation.max} links an hour with a friendly 429, and only them`, async () => {
    const busy = await signIn({}, 'admin');
    const form = { validDays: '7', maxUses: '5', note: '' };
    expect((await send(busy, '/admin/invitations', form)).status).toBe(303);
    for (let i = 1; i < limits.invitation.max; i++)
      expect(await allow(db, limits.invitation, busy.member.did)).toBe(true);
    const before = await newest();
    const res = await send(busy, '/admin/invitations', form);
    expect(res.status).toBe(429);
    const text = readable(await res.text());
    expect(text).toContain('That is a lot of invitation links');
    expect(text).toContain('The links you made still work');
    expect(await newest()).toEqual(before);
    expect((await send(admin, '/admin/invitations', form)).status).toBe(303);
  });
});
