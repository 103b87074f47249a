/**
 * The signed-in person's own area: their page, "download your data" (a
 * JSON file) and account deletion, confirmed by typing their handle, which
 * takes their sites with it (in more than one go for a big site). These
 * work for anyone signed in, visitors and removed people included, and are
 * never stored by a browser or proxy (`no-store`).
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { releaseGrant } from '../auth/grant';
import type { AppContext, AppEnv } from '../context';
import { exportAccount } from '../db/export';
import { deleteAccount } from '../db/membership';
import { requireViewer } from '../middleware/access';
import { endSessionCookie } from '../middleware/session';
import { renderPage } from '../render';
import { MePage } from '../../views/pages/me';
import {
  confirmationFor,
  DeleteAccountPage,
  DeletionUnfinishedPage,
  GoodbyePage,
} from '../../views/pages/delete-account';
import { siteUrl } from '../../core/site-address';
import { listOwnerSites } from '../db/sites';
import { hostHook } from '../site-host';

const noStore = createMiddleware<AppEnv>(async (c, next) => {
  c.header('Cache-Control', 'private, no-store');
  c.header('Vary', 'Cookie');
  await next();
});

async function renderDelete(c: AppContext, typed?: string, error?: string) {
  const { member } = requireViewer(c);
  const sites = (await listOwnerSites(c.get('db'), member.did)).map((s) => ({
    name: s.name,
    url: siteUrl(c.get('config').sitesUrl, s.name),
  }));
  return renderPage(
    c,
    { title: 'Delete your account', status: error ? 400 : 200 },
    <DeleteAccountPage
      member={member}
      sites={sites}
      csrfToken={c.get('csrfToken')}
      typed={typed}
      error={error}
    />,
  );
}

/** The confirmation as typed, forgiving case, spaces and a leading "@". */
const normalized = (typed: string) => typed.trim().replace(/^@/, '').toLowerCase();

export const me = new Hono<AppEnv>()
  .use(noStore)
  .get('/', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect('/', 303);
    return renderPage(
      c,
      { title: 'Your account' },
      <MePage viewer={viewer} csrfToken={c.get('csrfToken')} />,
    );
  })
  .get('/export', async (c) => {
    const { member } = requireViewer(c);
    const data = await exportAccount(c.get('db'), member.did, c.get('config'));
    const day = data.exportedAt.slice(0, 10);
    c.header('Content-Disposition', `attachment; filename="nbhd-${member.handle}-${day}.json"`);
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(JSON.stringify(data, null, 2));
  })
  .get('/delete', (c) => renderDelete(c))
  .post('/delete', async (c) => {
    const { member } = requireViewer(c);
    const typed = String((await c.req.parseBody()).confirm ?? '');
    if (normalized(typed) !== confirmationFor(member).toLowerCase()) {
      const problem = typed.trim()
        ? `That is not your handle. Type ${confirmationFor(member)} exactly to delete your account.`
        : `Type your handle, ${confirmationFor(member)}, to delete your account.`;
      return renderDelete(c, typed, problem);
    }
    if (
      (await deleteAccount(c.get('db'), member, {
        revokeGrant: (did) =>
          releaseGrant({ db: c.get('db'), oauthClient: c.get('oauthClient') }, did),
        purgeHost: hostHook(c, 'purge'),
      })) === 'unfinished'
    ) {
      return renderPage(
        c,
        { title: 'Deleting your account' },
        <DeletionUnfinishedPage csrfToken={c.get('csrfToken')} confirm={typed} />,
      );
    }
    endSessionCookie(c);
    return c.redirect('/me/deleted', 303);
  })
  .get('/deleted', (c) => renderPage(c, { title: 'Account deleted' }, <GoodbyePage />));
