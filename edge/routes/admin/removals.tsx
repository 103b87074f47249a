/**
 * GET /admin/removals: the removals that stand, newest first; POST
 * /admin/removals/:did/lift lifts one (written to the audit log) and goes
 * back to the list. Lifting a removal that is already lifted changes
 * nothing; a DID that is not a DID answers 404.
 */
import { REMOVALS_PATH } from '../../../core/paths';
import { Hono } from 'hono';
import type { AdminEnv } from '../../context';
import { liftRemoval } from '../../db/membership';
import { listRemovals } from '../../db/removals';
import { notFound } from '../../errors';
import { renderPage } from '../../render';
import { RemovalsPage } from '../../../views/pages/admin/removals';
import { doneWith, isDid, namedNotice, type Notices } from './shared';
import { hostHook } from '../../site-host';

const notices: Notices = {
  lifted: (name) => `Lifted. ${name ?? 'They'} may join or ask to join again like anyone else.`,
};

export const removals = new Hono<AdminEnv>()
  .get('/', async (c) => {
    const [page, notice] = await Promise.all([
      listRemovals(c.get('db'), c.req.query('after')),
      namedNotice(c.get('db'), notices, c.req.query('done'), c.req.query('who')),
    ]);
    return renderPage(
      c,
      { title: 'Removals' },
      <RemovalsPage
        removals={page.items}
        next={page.next}
        notice={notice}
        csrfToken={c.get('csrfToken')}
      />,
    );
  })
  .post('/:did/lift', async (c) => {
    const did = c.req.param('did');
    if (!isDid(did)) throw notFound();
    await liftRemoval(c.get('db'), did, c.get('admin').member, undefined, hostHook(c, 'sync'));
    return c.redirect(`${REMOVALS_PATH}?${doneWith('lifted', { did })}`, 303);
  });
