/**
 * GET /admin/audit: every admin action done through the admin pages
 * (settings, approve, decline, promote, demote, remove, invitation made and
 * revoked) appears in plain words, newest first, 25 to a page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../edge/db/audit';
import { listInvitations } from '../../edge/db/invitations';
import { saveNeighborhood } from '../../edge/db/neighborhood';
import { type Neighborhood } from '../../core/records/neighborhood';
import { allPages, currentSettings, open, readable, send, settingsForm } from './admin-support';
import { db, signIn, type SignedIn } from './support';

let admin: SignedIn;
let original: Neighborhood;

beforeAll(async () => {
  admin = await signIn({ handle: `auditor-${Date.now()}.test` }, 'admin');
  original = await currentSettings();
});

afterAll(async () => {
  const { version: _v, ...words } = original;
  await saveNeighborhood(db, words, (await currentSettings()).version);
});

const path = (who: SignedIn, action: string) =>
  `/admin/members/${encodeURIComponent(who.member.did)}/${action}`;

describe('GET /admin/audit', () => {
  it('shows every admin action in plain words, newest first', async () => {
    const a = admin.member.handle;
    const welcomed = await signIn({}, 'pending');
    const declined = await signIn({}, 'pending');
    const neighbor = await signIn({}, 'member');
    const steps: [() => Promise<Response>, string][] = [
      [
        async () =>
          send(admin, '/admin/settings', settingsForm(await currentSettings(), { siteLimit: '7' })),
        `${a} changed the settings: sites per member.`,
      ],
      [
        () =>
          send(admin, `/admin/requests/${welcomed.member.did}/approve`, { message: 'Welcome!' }),
        `${a} approved ${welcomed.member.handle}’s request: “Welcome!”.`,
      ],
      [
        () => send(admin, `/admin/requests/${declined.member.did}/decline`, { message: 'Not yet' }),
        `${a} declined ${declined.member.handle}’s request: “Not yet”.`,
      ],
      [
        () => send(admin, '/admin/invitations', { validDays: '5', maxUses: '3', note: 'Audit' }),
        `${a} made the invitation link `,
      ],
      [
        async () =>
          send(admin, `/admin/invitations/${(await listInvitations(db)).items[0]!.code}/revoke`),
        `${a} revoked the invitation link `,
      ],
      [
        () => send(admin, path(neighbor, 'promote'), { confirm: 'promote' }),
        `${a} made ${neighbor.member.handle} an admin.`,
      ],
      [
        () => send(admin, path(neighbor, 'demote'), { confirm: 'demote' }),
        `${a} made ${neighbor.member.handle} a member, not an admin.`,
      ],
      [
        () => send(admin, path(neighbor, 'remove')),
        `${a} removed ${neighbor.member.handle} from the neighborhood.`,
      ],
    ];
    for (const [step, sentence] of steps) expect((await step()).status, sentence).toBe(303);

    const text = readable(await (await open(admin, '/admin/audit')).text());
    const positions = steps.map(([, sentence]) => text.indexOf(sentence));
    for (const [i, sentence] of steps.map(([, s]) => s).entries())
      expect(positions[i], sentence).toBeGreaterThan(-1);
    // Newest first: each step appears before the one done just before it.
    expect([...positions].sort((x, y) => y - x)).toEqual(positions);
    const invitation = (await listInvitations(db)).items[0]!;
    expect(text).toContain(
      `${a} made the invitation link ${invitation.code.slice(0, 6)}… (“Audit”), valid 5 days, up to 3 uses.`,
    );
    expect(text).toMatch(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC ?: /);
  });

  it('pages 25 at a time, linking on to older entries', async () => {
    const label = (i: number) => `paging entry #${String(i).padStart(2, '0')}`;
    for (let i = 0; i < 26; i++) {
      await recordAudit(db, {
        action: 'settings.update',
        actorDid: admin.member.did,
        actorHandle: admin.member.handle,
        detail: label(i),
      });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await (await open(admin, '/admin/audit')).text();
    const entries = /<ol class="plain">([\s\S]*?)<\/ol>/.exec(first)?.[1] ?? '';
    expect(entries.match(/<li>/g)).toHaveLength(25);
    expect(first).toContain(label(25));
    expect(first).toContain(label(1));
    expect(first).not.toContain(label(0));
    expect(first.indexOf(label(25))).toBeLessThan(first.indexOf(label(1)));
    const next = /<a href="(\/admin\/audit\?after=[\w-]+)" rel="next">/.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = await (await open(admin, next!)).text();
    expect(second).toContain(label(0));
    expect(second).not.toContain(label(1));
    expect(second.indexOf(label(0))).toBeLessThan(second.indexOf('</ol>'));
    expect(second).toContain('Back to the newest');
    expect(await allPages(admin, '/admin/audit')).toContain(label(0));
  });
});
