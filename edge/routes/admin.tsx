/**
 * The admin area, mounted at /admin: settings, requests to join, invitation
 * links, members, removals and the audit log, one sub-app each (in `admin/`). Access
 * is checked here, once, for every page and action below: anyone who is not
 * an admin gets a plain 404, as if the area did not exist. Nothing here may
 * be cached anywhere.
 */
import { Hono } from 'hono';
import type { AdminEnv } from '../context';
import { adminsOnly } from '../middleware/access';
import { audit } from './admin/audit';
import { invitations } from './admin/invitations';
import { members } from './admin/members';
import { overview } from './admin/overview';
import { removals } from './admin/removals';
import { requests } from './admin/requests';
import { settings } from './admin/settings';

export const admin = new Hono<AdminEnv>()
  .use(adminsOnly)
  .use(async (c, next) => {
    c.header('Vary', 'Cookie');
    await next();
  })
  .route('/', overview)
  .route('/settings', settings)
  .route('/requests', requests)
  .route('/invitations', invitations)
  .route('/members', members)
  .route('/removals', removals)
  .route('/audit', audit);
