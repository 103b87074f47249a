/**
 * GET /admin/requests and POST /admin/requests/:did/approve|decline: the
 * queue of people asking to join, and an admin's answer with an optional
 * message shown to the person. Each answer is written to the audit log.
 * Answering someone who is no longer waiting (another admin was quicker)
 * changes nothing and says so; an answer the storage did not take comes
 * back in its form with the message as typed.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AdminEnv, AppContext } from '../../context';
import { recordAudit } from '../../db/audit';
import { listByStatus } from '../../db/members';
import { type Member } from '../../../core/records/members';
import { decide } from '../../db/membership';
import { renderPage } from '../../render';
import { answerNotSaved } from '../../not-saved';
import { postedInput, validForm } from '../../validate';
import {
  RequestsPage,
  type Decision,
  type RequestsPageProps,
} from '../../../views/pages/admin/requests';
import {
  actor,
  doneWith,
  namedNotice,
  optionalText,
  personAt,
  target,
  type Notices,
} from './shared';

const schema = z.object({ message: optionalText(300, 'the message') });

const notices: Notices = {
  approved: (name) => `Approved. ${name ?? 'They'} ${name ? 'is' : 'are'} a member now.`,
  declined: (name) => `Declined. ${name ?? 'They'} will see your answer on their next visit.`,
  already: () => 'That request was already answered, so nothing changed.',
};

/** The queue; with a problem, the form it is about is on the page even if it is on a later one. */
async function page(
  c: AppContext<AdminEnv>,
  props: Pick<RequestsPageProps, 'notice' | 'problem'>,
  status: 200 | 400 | 503 = 200,
  about?: Member,
) {
  const pending = await listByStatus(c.get('db'), 'PENDING', {
    cursor: c.req.query('after'),
    limit: 25,
  });
  const shown = pending.items.some((m) => m.did === about?.did)
    ? pending.items
    : [...(about ? [about] : []), ...pending.items];
  return renderPage(
    c,
    { title: 'Requests to join', status },
    <RequestsPage requests={shown} next={pending.next} {...props} csrfToken={c.get('csrfToken')} />,
  );
}

export const requests = new Hono<AdminEnv>()
  .get('/', async (c) =>
    page(c, {
      notice: await namedNotice(c.get('db'), notices, c.req.query('done'), c.req.query('who')),
    }),
  )
  .post(
    '/:did/:decision{approve|decline}',
    validForm(schema, async (c: AppContext<AdminEnv>, input, errors) => {
      const person = await personAt(c.get('db'), c.req.param('did') ?? '', 'pending');
      const decision = c.req.param('decision') as Decision;
      const problem = { did: person.did, decision, message: input.message ?? '' };
      return page(
        c,
        { problem: { ...problem, error: errors.message ?? 'Check the message.' } },
        400,
        person,
      );
    }),
    async (c) => {
      const viewer = c.get('admin');
      const db = c.get('db');
      const approve = c.req.param('decision') === 'approve';
      const message = c.req.valid('form').message || undefined;
      const before = await personAt(db, c.req.param('did'));
      if (before.status !== 'pending') return c.redirect('/admin/requests?done=already', 303);
      let after: Member | undefined;
      try {
        after = await decide(db, before.did, approve, message);
      } catch (error) {
        const decision = c.req.param('decision') as Decision;
        const typed = (await postedInput(c)).message ?? '';
        return answerNotSaved(error, `answer to ${before.did}`, (notice, status) =>
          page(
            c,
            { problem: { did: before.did, decision, message: typed, error: notice.text } },
            status,
            before,
          ),
        );
      }
      if (!after) return c.redirect('/admin/requests?done=already', 303);
      await recordAudit(db, {
        ...actor(viewer),
        ...target(after),
        action: approve ? 'request.approve' : 'request.decline',
        detail: message,
      });
      return c.redirect(
        `/admin/requests?${doneWith(approve ? 'approved' : 'declined', after)}`,
        303,
      );
    },
  );
