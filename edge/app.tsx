/**
 * The nbhd Worker as a Hono app: services on the context, security headers,
 * session and CSRF middleware, one sub-app per area, and one error handler
 * that turns expected failures into friendly pages and hides the rest.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { servicesFor, type AppEnv } from './context';
import { LastAdminError, StillRemoved } from './db/membership';
import { isStorageFailure } from './db/dynamo';
import { lastAdmin, notFound, PageError, stillRemoved, storageDown } from './errors';
import { failureSummary, whereThrown } from './failure-log';
import { limitBodies } from './middleware/body-limit';
import { csrf } from './middleware/csrf';
import { securityHeaders } from './middleware/security-headers';
import { loadSession } from './middleware/session';
import { renderPage, safeNeighborhood } from './render';
import { auth, clientDocuments } from './routes/auth';
import { crawlerFiles } from './routes/crawler-files';
import { health } from './routes/health';
import { home } from './routes/home';
import { me } from './routes/me';
import { join } from './routes/join';
import { joinRequest } from './routes/join-request';
import { members } from './routes/members';
import { admin } from './routes/admin';
import { site } from './routes/site';
import { sites } from './routes/sites';
import { siteDeletion } from './routes/site-deletion';
import { templateGallery } from './routes/templates';
import { ErrorPage } from '../views/pages/error';

export const app = new Hono<AppEnv>()
  .use(securityHeaders)
  .route('/', health) // before the services, session and CSRF: no cookies, own failures
  .route('/', crawlerFiles)
  .use(async (c, next) => {
    const services = servicesFor(c.env);
    c.set('config', services.config);
    c.set('db', services.db);
    c.set('oauthClient', services.oauthClient);
    await next();
  })
  .use(loadSession)
  .use(limitBodies)
  .use(csrf)
  .route('/', home)
  .route('/', auth)
  .route('/', clientDocuments)
  .route('/me', me)
  .route('/', join)
  .route('/', joinRequest)
  .route('/members', members)
  .route('/admin', admin)
  .route('/templates', templateGallery)
  .route('/sites', sites)
  // Before the site's own: a site still being deleted is gone from `site`'s pages.
  .route('/sites/:name/delete', siteDeletion)
  // After `/sites`, whose `/sites/new` would otherwise be taken for a site's name.
  .route('/sites/:name', site);

app.notFound(() => {
  throw notFound();
});

/** The friendly page for an expected failure; undefined for anything else. */
function pageFor(error: Error, method: string): PageError | undefined {
  if (error instanceof PageError) return error;
  if (error instanceof LastAdminError) return lastAdmin();
  if (error instanceof StillRemoved) return stillRemoved();
  if (isStorageFailure(error)) return storageDown(method);
  if (error instanceof HTTPException && error.status < 500)
    return new PageError(error.status, { title: 'That did not work', message: error.message });
  return undefined;
}

app.onError(async (error, c) => {
  const page = pageFor(error, c.req.method);
  if (!page)
    console.error(
      'unhandled error',
      c.req.method,
      c.req.path,
      failureSummary(error),
      whereThrown(error),
    );
  if (isStorageFailure(error))
    console.error('storage failed', c.req.method, c.req.path, failureSummary(error));
  c.header('Cache-Control', 'no-store');
  const props = page?.page ?? {
    title: 'Something went wrong on our side',
    message:
      'We could not finish that. Nothing you did caused it; please try again in a little while.',
  };
  return renderPage(
    c,
    { title: props.title, status: page?.status ?? 500, neighborhood: await safeNeighborhood(c) },
    <ErrorPage {...props} />,
  );
});
