/**
 * Previews: a member's draft site, rendered by the builder exactly as
 * publishing would, and each template's sample site for the gallery.
 *
 * A preview lives at `/sites/:name/preview/…`, mirroring the site's own
 * paths, so its relative links navigate the preview; a draft item's lives
 * at `/sites/:name/preview/draft/:itemId/…` (in the path, so relative links
 * keep it). Only the owner sees a preview; anyone else gets 404. The
 * answer is the builder's file byte for byte, except that HTML pages get a
 * slim banner after their opening body tag. Such documents carry their own
 * security policy (see `sitePreviewPolicy`). When the builder cannot
 * answer, a friendly page says the work is saved and to try again.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import {
  BuilderError,
  BuilderFailure,
  BuilderTooSlow,
  BuilderUnreachable,
  invokeBuilder,
} from '../builder';
import { notFound, PageError } from '../errors';
import { currentSite, ownSite } from '../middleware/site-owner';
import { framableBySelf, sitePreviewPolicy } from '../middleware/security-headers';
import { renderPage } from '../render';
import type { BuilderRequest, PreviewResponse } from '../../core/builder-protocol';
import { findTemplate } from '../../templates';
import { PreviewBanner, withBanner } from '../../views/components/preview-banner';

const DRAFT = /^\/draft\/([A-Za-z0-9_-]{1,100})(\/.*)?$/;

/** Longer than any path a site has; the builder refuses longer ones too. */
const MAX_PATH = 2000;

/** The sample sites change only when the templates do. */
const SAMPLE_CACHE = 'public, max-age=3600';

function fromBase64(body: string): Uint8Array<ArrayBuffer> {
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The path after `prefix` in the request's URL, still percent-encoded as the browser sent it. */
function pathAfter(c: AppContext, prefix: string): string {
  const path = new URL(c.req.url).pathname.slice(prefix.length);
  if (path.length > MAX_PATH) throw notFound();
  return path;
}

function builderDown(error: BuilderFailure, back: { href: string; label: string }): PageError {
  const slow = error instanceof BuilderTooSlow;
  return new PageError(slow ? 504 : 503, {
    title: slow ? 'The preview is taking too long' : 'The preview is not available right now',
    message: `${
      slow
        ? 'The site builder did not finish in time.'
        : error instanceof BuilderUnreachable
          ? 'We could not reach the site builder.'
          : 'The site builder ran into a problem.'
    } Your work is saved; nothing was lost. Please try again in a minute.`,
    action: back,
  });
}

/** Asks the builder, turning its failures into the friendly page. */
async function ask(
  c: AppContext,
  request: BuilderRequest,
  back: { href: string; label: string },
): Promise<PreviewResponse> {
  try {
    return await invokeBuilder(c.var.config, request);
  } catch (error) {
    if (error instanceof BuilderFailure) throw builderDown(error, back);
    throw error;
  }
}

/** The builder's file as the response, byte for byte but for the banner added to HTML. */
async function serveFile(
  c: AppContext,
  answer: Extract<PreviewResponse, { kind: 'file' }>,
  banner: () => Promise<string>,
  cacheControl: string,
) {
  let body = fromBase64(answer.body);
  if (/^text\/html\b/i.test(answer.contentType)) body = withBanner(body, await banner());
  return c.body(body, answer.status, {
    'Content-Type': answer.contentType,
    'Content-Security-Policy': sitePreviewPolicy({ allowHttp: c.var.config.atproto.allowHttp }),
    'X-Frame-Options': 'SAMEORIGIN',
    'Cache-Control': cacheControl,
  });
}

function ProblemsPage({ problems, editor }: { problems: string[]; editor: string }) {
  return (
    <section class="card problem">
      <h1>The preview cannot be made yet</h1>
      <p>Some of the site’s settings or content do not fit its template:</p>
      <ul>
        {problems.map((p) => (
          <li>{p}</li>
        ))}
      </ul>
      <p>
        <a href={`${editor}/settings`}>Go to the site’s settings</a> or{' '}
        <a href={editor}>back to the editor</a>
      </p>
    </section>
  );
}

export const preview = new Hono<AppEnv>()
  .get('/sites/:name/preview', framableBySelf, ownSite, (c) =>
    c.redirect(`/sites/${currentSite(c).name}/preview/`, 301),
  )
  .get('/sites/:name/preview/*', framableBySelf, ownSite, async (c) => {
    const site = currentSite(c);
    const editor = `/sites/${site.name}`;
    let base = `${editor}/preview`;
    let path = pathAfter(c, base);
    let draft: string | undefined;
    const named = DRAFT.exec(path);
    if (named) {
      draft = named[1];
      base = `${base}/draft/${draft}`;
      if (!named[2]) return c.redirect(`${base}/`, 301);
      path = named[2];
    }
    const back = { href: editor, label: 'Back to the editor' };
    const answer = await ask(c, { kind: 'preview', site: site.name, path, draft }, back);
    switch (answer.kind) {
      case 'file':
        return serveFile(
          c,
          answer,
          async () =>
            String(
              await (
                <PreviewBanner link={back}>
                  <strong>Preview</strong>: this is how your site will look. It is not published.
                </PreviewBanner>
              ),
            ),
          'private, no-store',
        );
      case 'redirect':
        return c.redirect(`${base}${answer.path}`, 302);
      case 'no-site':
        throw notFound();
      case 'invalid':
        return renderPage(
          c,
          { title: 'The preview cannot be made yet', status: 422 },
          <ProblemsPage problems={answer.problems} editor={editor} />,
        );
    }
  })
  .get('/templates/:id/sample', (c) => {
    const template = findTemplate(c.req.param('id'));
    if (!template) throw notFound();
    return c.redirect(`/templates/${template.id}/sample/`, 301);
  })
  .get('/templates/:id/sample/*', async (c) => {
    const template = findTemplate(c.req.param('id'));
    if (!template) throw notFound();
    const base = `/templates/${template.id}/sample`;
    const answer = await ask(
      c,
      { kind: 'sample', template: template.id, path: pathAfter(c, base) },
      { href: '/templates', label: 'Back to the templates' },
    );
    switch (answer.kind) {
      case 'file': {
        const res = await serveFile(
          c,
          answer,
          async () =>
            String(
              await (
                <PreviewBanner
                  link={{
                    href: `/sites/new?template=${template.id}`,
                    label: 'Make a site with this template',
                  }}
                >
                  <strong>Sample</strong>: the {template.name} template with example content.
                </PreviewBanner>
              ),
            ),
          SAMPLE_CACHE,
        );
        // Anyone may cache this page, so it must not hand anyone a cookie.
        res.headers.delete('Set-Cookie');
        return res;
      }
      case 'redirect':
        return c.redirect(`${base}${answer.path}`, 302);
      default:
        // A sample that does not render is a bug in the template, not the visitor's problem.
        console.error('sample render failed', template.id, answer.kind);
        throw builderDown(new BuilderError(), {
          href: '/templates',
          label: 'Back to the templates',
        });
    }
  });
