/**
 * A site's pictures (`/sites/:name/pictures`): the page with the upload
 * form and the grid, the upload itself (multipart, CSRF-checked like every
 * form, answered with a redirect whose page says once what was added and
 * what was not), a picture's description, deleting one after a question
 * that names what uses it, and the processed files for the member's own
 * pages. Anyone else's site or picture is a 404.
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { descriptionSchema } from '../../../core/forms/pictures';
import { picturesPath } from '../../../core/paths';
import { pictureUsage } from '../../../core/records/pictures';
import { DeletePicturePage } from '../../../views/pages/sites/picture-delete';
import {
  PicturesPage,
  type PicturesPageProps,
  type UploadOutcome,
} from '../../../views/pages/sites/pictures';
import { BuilderFailure, invokeBuilder } from '../../builder';
import type { SiteContext, SiteEnv } from '../../context';
import {
  describePicture,
  getPicture,
  itemsUsingPicture,
  listPictures,
  PictureVersionConflict,
  removePicture,
} from '../../db/pictures';
import { notFound, PageError } from '../../errors';
import { servePictureFile } from '../../pictures/files';
import { uploadPictures } from '../../pictures/upload';
import { renderPage } from '../../render';
import { validForm } from '../../validate';

/** The cookie that carries an upload's outcome to the page it redirects to, once. */
const OUTCOME_COOKIE = 'nbhd_upload';

function readOutcome(c: SiteContext): UploadOutcome | undefined {
  const path = picturesPath(c.get('site').name);
  const value = getCookie(c, OUTCOME_COOKIE);
  if (value === undefined) return undefined;
  deleteCookie(c, OUTCOME_COOKIE, { path });
  try {
    const parsed = JSON.parse(value) as Partial<UploadOutcome>;
    const strings = (v: unknown) =>
      Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string').slice(0, 20) : [];
    return { added: strings(parsed.added), problems: strings(parsed.problems) };
  } catch {
    return undefined;
  }
}

async function picturesPage(
  c: SiteContext,
  extra: Partial<PicturesPageProps> = {},
  status: 200 | 409 | 413 | 422 | 503 = 200,
) {
  const site = c.get('site');
  const db = c.get('db');
  const pictures = await listPictures(db, site.name);
  c.header('Cache-Control', 'private, no-store');
  return renderPage(
    c,
    { title: `Pictures · ${site.name}`, status },
    <PicturesPage
      site={site.name}
      pictures={pictures}
      usage={pictureUsage(pictures)}
      csrfToken={c.get('csrfToken')}
      outcome={readOutcome(c)}
      saved={c.req.query('saved')}
      deleted={c.req.query('deleted')}
      {...extra}
    />,
  );
}

/** The picture named in the path, or a 404. */
async function thePicture(c: SiteContext) {
  const picture = await getPicture(c.get('db'), c.get('site').name, c.req.param('id') ?? '');
  if (!picture) throw notFound();
  return picture;
}

export const pictures = new Hono<SiteEnv>()
  .get('/', (c) => picturesPage(c))
  .post('/', async (c) => {
    const form = await c.req.formData();
    const parts = form.getAll('pictures') as unknown as (File | string)[];
    const files = parts.filter((f): f is File => typeof f !== 'string');
    // A browser sends an empty file part when nothing was chosen.
    const chosen = files.filter((f) => f.size > 0 || f.name !== '');
    const result = await uploadPictures(c, chosen);
    if ('problem' in result) return picturesPage(c, { problem: result.problem }, 422);
    setCookie(c, OUTCOME_COOKIE, JSON.stringify(result.outcome), {
      path: picturesPath(c.get('site').name),
      httpOnly: true,
      secure: c.get('config').secure,
      sameSite: 'Lax',
      maxAge: 300,
    });
    return c.redirect(picturesPath(c.get('site').name), 303);
  })
  .get('/files/:file', (c) => servePictureFile(c, c.req.param('file')))
  .post(
    '/:id',
    validForm(descriptionSchema, async (c: SiteContext, input, errors) => {
      const picture = await thePicture(c);
      const edit = {
        id: picture.id,
        description: input.description ?? '',
        error: errors.description,
      };
      return picturesPage(c, { edit }, 422);
    }),
    async (c) => {
      const site = c.get('site');
      const db = c.get('db');
      const picture = await thePicture(c);
      const { description, version } = c.req.valid('form');
      try {
        await describePicture(db, site.name, picture.id, description, version);
      } catch (error) {
        if (!(error instanceof PictureVersionConflict)) throw error;
        if (!error.current) throw notFound();
        const notice = {
          tone: 'problem' as const,
          text: `Not saved: the description of ${picture.id} was changed in another tab or window since you opened this page. Yours is below, and the saved one is “${error.current.description}”. Save again to keep yours.`,
        };
        return picturesPage(c, { edit: { id: picture.id, description, notice } }, 409);
      }
      return c.redirect(
        `${picturesPath(site.name)}?saved=${picture.id}#picture-${picture.id}`,
        303,
      );
    },
  )
  .get('/:id/delete', async (c) => {
    const picture = await thePicture(c);
    const usedBy = await itemsUsingPicture(c.get('db'), c.get('site').name, picture.id);
    return renderPage(
      c,
      { title: `Delete ${picture.id}` },
      <DeletePicturePage
        site={c.get('site').name}
        picture={picture}
        usedBy={usedBy}
        csrfToken={c.get('csrfToken')}
      />,
    );
  })
  .post('/:id/delete', async (c) => {
    const site = c.get('site');
    const db = c.get('db');
    const config = c.get('config');
    const picture = await thePicture(c);
    const others = (await listPictures(db, site.name)).filter(
      (p) => p.id !== picture.id && p.key === picture.key,
    );
    try {
      await invokeBuilder(config, {
        kind: 'forget-pictures',
        site: site.name,
        pictures: [{ upload: picture.upload, key: others.length ? undefined : picture.key }],
      });
    } catch (error) {
      if (!(error instanceof BuilderFailure)) throw error;
      throw new PageError(503, {
        title: 'The picture could not be deleted just now',
        message: `Nothing was deleted: ${picture.id} is still on your Pictures page. Try again in a minute.`,
        action: { href: picturesPath(site.name), label: 'Back to Pictures' },
      });
    }
    await removePicture(db, site.name, picture.id);
    return c.redirect(`${picturesPath(site.name)}?deleted=${picture.id}`, 303);
  });
