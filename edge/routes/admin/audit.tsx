/** GET /admin/audit: the audit log, newest first, 25 entries a page (`?after=` moves on). */
import { Hono } from 'hono';
import type { AdminEnv } from '../../context';
import { listAudit } from '../../db/audit';
import { renderPage } from '../../render';
import { AuditPage } from '../../../views/pages/admin/audit';

export const audit = new Hono<AdminEnv>().get('/', async (c) => {
  const after = c.req.query('after');
  const page = await listAudit(c.get('db'), after);
  return renderPage(
    c,
    { title: 'Audit log' },
    <AuditPage entries={page.items} next={page.next} later={Boolean(after)} />,
  );
});
