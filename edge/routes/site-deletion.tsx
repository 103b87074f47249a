/**
 * Deleting a site (`/sites/:name/delete`): a confirmation page where the
 * owner types the site's name, and the POST that deletes it
 * (`db/site-deletion.ts`) and has the host purge its files, then goes back
 * to the sites list saying which site went. A big site may take more than
 * one go: the site has then vanished from every page, so this sub-app is
 * mounted beside the site's own (whose `ownSite` would answer 404) and
 * lets the owner of a site still being deleted carry on. Anyone else, and
 * a name nobody holds, gets 404.
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { fieldErrors } from '../../core/forms/field-errors';
import { siteDeletionSchema } from '../../core/forms/site-deletion';
import { siteDeletedPath } from '../../core/paths';
import { siteUrl } from '../../core/site-address';
import { isSiteName } from '../../core/site-address';
import { DeleteSitePage, SiteDeletionUnfinishedPage } from '../../views/pages/sites/delete';
import type { AppContext, MemberEnv } from '../context';
import { deleteSite, ownsSiteOrDeletion } from '../db/site-deletion';
import { notFound } from '../errors';
import { membersOnly } from '../middleware/access';
import { renderPage } from '../render';
import { hostHook } from '../site-host';
import { postedInput } from '../validate';

type DeletionEnv = MemberEnv & { Variables: { siteName: string } };

/** Lets through only the owner of the site named in the path, open or being deleted. */
const ownSiteOrDeletion = createMiddleware<DeletionEnv>(async (c, next) => {
  const name = c.req.param('name') ?? '';
  if (!isSiteName(name) || !(await ownsSiteOrDeletion(c.get('db'), name, c.get('member').did))) {
    throw notFound();
  }
  c.set('siteName', name);
  await next();
});

function renderConfirmation(c: AppContext<DeletionEnv>, typed?: string, error?: string) {
  const name = c.get('siteName');
  return renderPage(
    c,
    { title: `Delete ${name}`, status: error ? 400 : 200 },
    <DeleteSitePage
      name={name}
      url={siteUrl(c.get('config').sitesUrl, name)}
      csrfToken={c.get('csrfToken')}
      typed={typed}
      error={error}
    />,
  );
}

export const siteDeletion = new Hono<DeletionEnv>()
  .use(membersOnly)
  .use(ownSiteOrDeletion)
  .get('/', (c) => renderConfirmation(c))
  .post('/', async (c) => {
    const name = c.get('siteName');
    const input = await postedInput(c);
    const parsed = siteDeletionSchema(name).safeParse(input);
    if (!parsed.success) {
      return renderConfirmation(c, input.confirm, fieldErrors(parsed.error.issues).confirm);
    }
    const result = await deleteSite(c.get('db'), name, c.get('member').did, {
      purgeHost: hostHook(c, 'purge'),
    });
    if (result === 'unfinished') {
      return renderPage(
        c,
        { title: `Deleting ${name}` },
        <SiteDeletionUnfinishedPage
          name={name}
          csrfToken={c.get('csrfToken')}
          confirm={parsed.data.confirm}
        />,
      );
    }
    // 'missing' here means another attempt (a second click) finished it meanwhile.
    return c.redirect(siteDeletedPath(name), 303);
  });
