/**
 * A member's preview (`/sites/:name/preview/…`), rendered by the builder
 * exactly as publishing would. It mirrors the site's own paths, so its
 * relative links navigate the preview; a draft item's preview lives at
 * `/sites/:name/preview/draft/:itemId/…` (in the path, so relative links
 * keep it). HTML pages get a slim banner after their opening body tag.
 * A file too large for the builder to send back is named on a friendly
 * page with the limit, and the way back to the editor. Its pictures
 * (`…/_pictures/<file>`) come straight from the bucket, as on the
 * published site, without asking the builder for each.
 */
import { Hono } from 'hono';
import { draftPreviewPath, itemPath, sitePath, sitePreviewPath } from '../../../core/paths';
import { PreviewBanner, type BannerLink } from '../../../views/components/preview-banner';
import { PreviewProblemsPage } from '../../../views/pages/sites/preview-problems';
import type { SiteContext, SiteEnv } from '../../context';
import { sizeText } from '../../../core/site-limits';
import { notFound, PageError } from '../../errors';
import { framableBySelf } from '../../middleware/security-headers';
import { renderPage } from '../../render';
import { ask, pathAfter, serveFile } from '../builder-answers';
import { PICTURES_DIR } from '../../../core/pictures';
import { servePictureFile } from '../../pictures/files';

/** The path as the member would type it, for the words on a page. */
function readablePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A processed picture, `/_pictures/<file>`: the same file the published site serves. */
const PREVIEW_PICTURE = new RegExp(`^/${PICTURES_DIR}/([^/]+)$`);

const DRAFT = /^\/draft\/([A-Za-z0-9_-]{1,100})(\/.*)?$/;

/**
 * The banner's way back to the editor, by where the preview is shown
 * (browsers say so in `Sec-Fetch-Dest`): none inside the editor's own
 * preview panel, where replacing the page would drop what the person has
 * typed and not saved; the whole window for a preview that fills it; a new
 * window when the browser does not say, so a framed preview never
 * replaces the editor.
 */
function bannerLink(c: SiteContext, back: { href: string; label: string }): BannerLink | undefined {
  const dest = c.req.header('sec-fetch-dest');
  if (dest === 'iframe' || dest === 'frame') return undefined;
  return { ...back, target: dest === 'document' ? '_top' : '_blank' };
}

/** The builder's answer for the preview path asked for. */
async function servePreview(c: SiteContext) {
  const site = c.get('site');
  let base = sitePreviewPath(site.name).slice(0, -1);
  let path = pathAfter(c, base);
  let draft: string | undefined;
  const named = DRAFT.exec(path);
  if (named) {
    draft = named[1]!;
    base = draftPreviewPath(site.name, draft).slice(0, -1);
    if (!named[2]) return c.redirect(`${base}/`, 301);
    path = named[2];
  }
  const picture = PREVIEW_PICTURE.exec(path);
  if (picture) return servePictureFile(c, picture[1]);
  const back = {
    href: draft ? itemPath(site.name, draft) : sitePath(site.name),
    label: 'Back to the editor',
  };
  const answer = await ask(c, { kind: 'preview', site: site.name, path, draft }, back);
  c.header('Vary', 'Sec-Fetch-Dest', { append: true });
  switch (answer.kind) {
    case 'file':
      return serveFile(
        c,
        answer,
        async () =>
          String(
            await (
              <PreviewBanner link={bannerLink(c, back)}>
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
        <PreviewProblemsPage problems={answer.problems} site={site.name} />,
      );
    case 'too-large':
      throw new PageError(422, {
        title: 'This page is too big to preview',
        message: `“${readablePath(answer.path)}” of your site comes to ${sizeText(answer.bytes)}, and a preview can show a page or file of up to ${sizeText(answer.limit)}. Shorten the longest texts on it, or split them into several, then preview again. Your work is saved.`,
        action: back,
      });
  }
}

export const preview = new Hono<SiteEnv>()
  .use(framableBySelf)
  .get('/', (c) => {
    // Without the slash the preview's relative links would resolve one level too high.
    if (!c.req.path.endsWith('/')) return c.redirect(sitePreviewPath(c.get('site').name), 301);
    return servePreview(c);
  })
  .get('/*', (c) => servePreview(c));
