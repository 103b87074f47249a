/**
 * GET/POST /admin/invitations and POST /admin/invitations/:code/revoke:
 * making invitation links (limited per admin, so a stolen session cannot
 * mint thousands), listing them newest first, and revoking one. A link the
 * storage did not make comes back with the form as typed. Making and
 * revoking are written to the audit log.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AdminEnv, AppContext } from '../../context';
import { recordAudit } from '../../db/audit';
import {
  createInvitation,
  getInvitation,
  listInvitations,
  revokeInvitation,
} from '../../db/invitations';
import { type Invitation } from '../../../core/records/invitations';
import { allow, limits } from '../../db/rate-limit';
import { notFound, PageError } from '../../errors';
import { renderPage } from '../../render';
import { answerNotSaved } from '../../not-saved';
import { postedInput, validForm } from '../../validate';
import {
  invitationDefaults,
  InvitationsPage,
  type InvitationsPageProps,
} from '../../../views/pages/admin/invitations';
import { actor, optionalText, wholeNumber } from './shared';

const schema = z.object({
  validDays: wholeNumber(1, 90),
  maxUses: wholeNumber(1, 100),
  note: optionalText(200, 'the note'),
});

const notices: Record<string, string> = {
  created: 'Link made. It is at the top of the list; copy it and send it to who it is for.',
  revoked: 'Link revoked. Anyone who opens it now is told it no longer works.',
};

const tooMany = () =>
  new PageError(429, {
    title: 'That is a lot of invitation links',
    message: `You can make up to ${limits.invitation.max} invitation links an hour, and you have reached that. The links you made still work; please try again in a while.`,
    action: { href: '/admin/invitations', label: 'Back to invitation links' },
  });

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How the audit log names a link: the start of its code, and its note. */
const nameLink = (i: Invitation) => `${i.code.slice(0, 6)}…${i.note ? ` (“${i.note}”)` : ''}`;

async function page(
  c: AppContext<AdminEnv>,
  props: Pick<InvitationsPageProps, 'values' | 'errors' | 'notice' | 'problem'>,
  status: 200 | 400 | 503 = 200,
) {
  const list = await listInvitations(c.get('db'), c.req.query('after'));
  return renderPage(
    c,
    { title: 'Invitation links', status },
    <InvitationsPage
      invitations={list.items}
      next={list.next}
      publicUrl={c.get('config').publicUrl}
      {...props}
      csrfToken={c.get('csrfToken')}
    />,
  );
}

export const invitations = new Hono<AdminEnv>()
  .get('/', (c) =>
    page(c, { values: invitationDefaults, notice: notices[c.req.query('done') ?? ''] }),
  )
  .post(
    '/',
    validForm(schema, (c: AppContext<AdminEnv>, input, errors) =>
      page(c, { values: input, errors }, 400),
    ),
    async (c) => {
      const viewer = c.get('admin');
      const db = c.get('db');
      const { validDays, maxUses, note } = c.req.valid('form');
      let invitation: Invitation;
      try {
        if (!(await allow(db, limits.invitation, viewer.member.did))) throw tooMany();
        invitation = await createInvitation(db, {
          createdByDid: viewer.member.did,
          createdByHandle: viewer.member.handle,
          validDays,
          maxUses,
          note: note || undefined,
        });
      } catch (error) {
        const input = await postedInput(c);
        return answerNotSaved(error, 'invitation link', (problem, status) =>
          page(c, { values: input, problem }, status),
        );
      }
      await recordAudit(db, {
        ...actor(viewer),
        action: 'invitation.create',
        detail: `${nameLink(invitation)}, valid ${plural(validDays, 'day')}, up to ${plural(maxUses, 'use')}`,
      });
      return c.redirect('/admin/invitations?done=created', 303);
    },
  )
  .post('/:code/revoke', async (c) => {
    const viewer = c.get('admin');
    const db = c.get('db');
    const existing = await getInvitation(db, c.req.param('code'));
    if (!existing) throw notFound();
    if (!existing.revokedAt) {
      const revoked = await revokeInvitation(db, existing.code);
      if (!revoked) throw notFound();
      await recordAudit(db, {
        ...actor(viewer),
        action: 'invitation.revoke',
        detail: nameLink(revoked),
      });
    }
    return c.redirect('/admin/invitations?done=revoked', 303);
  });
