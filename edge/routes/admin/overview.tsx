/** GET /admin: the admin area's front door, with how many requests are waiting. */
import { Hono } from 'hono';
import type { AdminEnv } from '../../context';
import { listByStatus } from '../../db/members';
import { currentNeighborhood, renderPage } from '../../render';
import { AdminOverview } from '../../../views/pages/admin/overview';

/** Counting stops here: past it the page just says "or more". */
const COUNT_UP_TO = 100;

export const overview = new Hono<AdminEnv>().get('/', async (c) => {
  const db = c.get('db');
  const [neighborhood, pending] = await Promise.all([
    currentNeighborhood(c),
    listByStatus(db, 'PENDING', { limit: COUNT_UP_TO }),
  ]);
  return renderPage(
    c,
    { title: 'Admin', neighborhood },
    <AdminOverview
      neighborhood={neighborhood}
      pending={{ count: pending.items.length, more: Boolean(pending.next) }}
    />,
  );
});
