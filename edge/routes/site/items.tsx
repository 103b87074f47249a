/**
 * A site's entries and pages, written in the editor (`/sites/:name/items`;
 * deleting and the trash live in `trash.tsx`). The site sub-app's `ownSite`
 * has already checked the owner: anyone else's site or item is a 404, and
 * so is an item id from another site.
 *
 * Every action is a plain form that redirects (303) when it worked; with
 * htmx, saving answers the editor fragment instead (and a fresh preview
 * frame), and each field can be checked as it changes. A save carries the
 * version it was opened at, so a stale tab never overwrites; and whatever
 * goes wrong, the form comes back with every character the person typed.
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { slugify, type ItemKind } from '../../../templates/content';
import type { SiteContext, SiteEnv } from '../../context';
import {
  createItem,
  ItemVersionConflict,
  listItems,
  saveItem,
  SiteFull,
  slugHolder,
  SlugTaken,
} from '../../db/items';
import type { SiteItem } from '../../../core/records/sites';
import { notFound } from '../../errors';
import {
  checkableFields,
  extrasFor,
  newItemValues,
  parseItemForm,
  slugTakenMessage,
  valuesFromInput,
} from '../../../core/forms/item';
import { itemWarnings } from '../../../core/forms/markdown-lint';
import { byId, listPictures } from '../../db/pictures';
import { isHtmx } from '../../render';
import { postedInput } from '../../validate';
import { ItemFormField, type FormField } from '../../../views/pages/site-items/item-form-fields';
import { itemCheckPath, itemPath } from '../../../core/paths';
import { liveItem, siteItem } from './item-access';
import {
  answerEditor,
  conflict,
  editing,
  notSavedBecause,
  siteFull,
  slugError,
  trashedElsewhere,
  type EditorState,
} from './item-editor';
import { failureSummary } from '../../failure-log';

/** The kind named by the form or the query: an entry or a page, nothing else. */
function kindParam(value: string | undefined): ItemKind {
  if (value === 'entry' || value === 'page') return value;
  throw notFound();
}

/** The next issue number: one more than the highest so far. */
async function nextNumber(c: SiteContext): Promise<number | undefined> {
  if (!c.get('template').entryExtras.includes('number')) return undefined;
  const { entries, trash } = await listItems(c.get('db'), c.get('site').name);
  return Math.max(0, ...[...entries, ...trash].map((i) => i.number ?? 0)) + 1;
}

export const items = new Hono<SiteEnv>()
  .get('/new', async (c) => {
    const kind = kindParam(c.req.query('kind'));
    const number = kind === 'entry' ? await nextNumber(c) : undefined;
    return answerEditor(c, { kind, values: newItemValues(new Date(), number) });
  })
  .post('/', async (c) => {
    const site = c.get('site');
    const template = c.get('template');
    const input = await postedInput(c);
    const kind = kindParam(input.kind);
    const values = valuesFromInput(input);
    const parsed = parseItemForm(values, kind, extrasFor(template, kind));
    if (!parsed.ok) return answerEditor(c, { kind, values, errors: parsed.errors }, 400);
    let item: SiteItem;
    try {
      item = await createItem(c.get('db'), site.name, parsed.content);
    } catch (error) {
      if (error instanceof SlugTaken)
        return answerEditor(c, { kind, values, errors: { slug: slugError(error) } }, 409);
      if (error instanceof SiteFull) {
        const full = siteFull(error);
        return answerEditor(c, { kind, values, notice: full.notice }, full.status);
      }
      console.error('item create failed', site.name, failureSummary(error));
      return answerEditor(c, { kind, values, notice: notSavedBecause(error) }, 503);
    }
    const next = `${itemPath(site.name, item.id)}?saved`;
    if (isHtmx(c)) return c.body(null, 204, { 'HX-Redirect': next });
    return c.redirect(next, 303);
  })
  .post('/:id/check', async (c) => {
    const site = c.get('site');
    const template = c.get('template');
    const field = c.req.query('field') ?? '';
    if (!checkableFields.includes(field)) throw notFound();
    const input = await postedInput(c);
    const item = c.req.param('id') === 'new' ? undefined : await liveItem(c);
    const kind = item?.kind ?? kindParam(input.kind);
    const extras = extrasFor(template, kind);
    const values = valuesFromInput(input);
    const parsed = parseItemForm(values, kind, extras);
    const errors = parsed.ok ? {} : parsed.errors;
    if (field === 'slug' && !errors.slug) {
      const slug = values.slug.trim() || slugify(values.title);
      const holder = await slugHolder(c.get('db'), site.name, slug);
      if (holder && holder.itemId !== item?.id)
        errors.slug = slugTakenMessage(slug, holder.inTrash);
    }
    // The fields whose warnings or choices depend on the site's pictures.
    const pictures = ['body', 'imageUrl', 'imageAlt'].includes(field)
      ? await listPictures(c.get('db'), site.name)
      : undefined;
    c.header('Vary', 'Cookie, HX-Request');
    return c.html(
      <ItemFormField
        field={field as FormField}
        template={template}
        kind={kind}
        extras={extras}
        values={values}
        errors={{ [field]: errors[field] ?? '' }}
        warnings={itemWarnings(values, pictures && byId(pictures))}
        check={itemCheckPath(site.name, item?.id)}
        pictures={pictures}
      />,
    );
  })
  .get('/:id', async (c) => {
    const item = await liveItem(c);
    const query = c.req.query();
    const notice =
      'saved' in query
        ? { tone: 'saved' as const, text: 'Saved.' }
        : 'restored' in query
          ? {
              tone: 'saved' as const,
              text:
                query.restored === 'moved'
                  ? `Restored from the trash. Its old address was taken meanwhile, so it is now “${item.slug}”.`
                  : 'Restored from the trash.',
            }
          : undefined;
    return answerEditor(c, editing(item, notice));
  })
  .post('/:id', async (c) => {
    const site = c.get('site');
    const template = c.get('template');
    const item = await siteItem(c);
    const values = valuesFromInput(await postedInput(c));
    const kind = item.kind;
    const mine = (extra: Partial<EditorState>, status: ContentfulStatusCode) =>
      answerEditor(c, { kind, item, values, ...extra }, status);
    if (item.deletedAt) return mine({ notice: trashedElsewhere }, 409);
    const parsed = parseItemForm(values, kind, extrasFor(template, kind));
    if (!parsed.ok) return mine({ errors: parsed.errors }, 400);
    let saved: SiteItem;
    try {
      saved = await saveItem(c.get('db'), item, parsed.content, parsed.version ?? 0);
    } catch (error) {
      if (error instanceof ItemVersionConflict) return conflict(c, values, parsed.content, error);
      if (error instanceof SlugTaken) return mine({ errors: { slug: slugError(error) } }, 409);
      if (error instanceof SiteFull) {
        const full = siteFull(error);
        return mine({ notice: full.notice }, full.status);
      }
      console.error('item save failed', site.name, item.id, failureSummary(error));
      return mine({ notice: notSavedBecause(error) }, 503);
    }
    if (!isHtmx(c)) return c.redirect(`${itemPath(site.name, saved.id)}?saved`, 303);
    const at = saved.updatedAt.slice(11, 16);
    return answerEditor(
      c,
      editing(saved, { tone: 'saved', text: `Saved at ${at} UTC.` }),
      200,
      saved,
    );
  });
