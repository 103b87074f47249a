/**
 * A site's content: its dashboard, and its entries and pages written in
 * the editor (the trash lives in `site-items/trash.tsx`). Owners only
 * (`ownSite`, on every route): anyone else's site, item or trash is a 404,
 * and so is an item id from another site.
 *
 * Every action is a plain form that redirects (303) when it worked; with
 * htmx, saving answers the editor fragment instead (and a fresh preview
 * frame), and each field can be checked as it changes. A save carries the
 * version it was opened at, so a stale tab never overwrites; and whatever
 * goes wrong, the form comes back with every character the person typed.
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { slugify, type ItemKind } from '../../templates/content';
import type { AppContext, AppEnv } from '../context';
import {
  createItem,
  ItemVersionConflict,
  listItems,
  saveItem,
  slugHolder,
  SlugTaken,
} from '../db/items';
import type { Site, SiteItem } from '../db/site-records';
import { siteUrl } from '../../core/site-address';
import { notFound } from '../errors';
import {
  checkableFields,
  extrasFor,
  newItemValues,
  parseItemForm,
  slugTakenMessage,
  valuesFromInput,
} from '../forms/item';
import { itemWarnings } from '../forms/markdown-lint';
import { currentSite, ownSite } from '../middleware/site-owner';
import { isHtmx, renderPage } from '../render';
import { postedInput } from '../validate';
import { DashboardPage } from '../../views/pages/site-items/dashboard';
import { ItemFormField, type FormField } from '../../views/pages/site-items/item-form-fields';
import { itemPath } from '../../views/pages/site-items/paths';
import { liveItem, siteItem, templateOf } from './site-items/access';
import {
  answerEditor,
  conflict,
  editing,
  notSaved,
  slugError,
  trashedElsewhere,
  type EditorState,
} from './site-items/editor-answer';
import { siteTrash } from './site-items/trash';

/** The kind named by the form or the query: an entry or a page, nothing else. */
function kindParam(value: string | undefined): ItemKind {
  if (value === 'entry' || value === 'page') return value;
  throw notFound();
}

/** The next issue number: one more than the highest so far. */
async function nextNumber(c: AppContext, site: Site): Promise<number | undefined> {
  if (!templateOf(site).entryExtras.includes('number')) return undefined;
  const { entries, trash } = await listItems(c.var.db, site.name);
  return Math.max(0, ...[...entries, ...trash].map((i) => i.number ?? 0)) + 1;
}

export const siteItems = new Hono<AppEnv>()
  .route('/', siteTrash)
  .get('/sites/:name', ownSite, async (c) => {
    const site = currentSite(c);
    const contents = await listItems(c.var.db, site.name);
    return renderPage(
      c,
      { title: site.name },
      <DashboardPage
        site={site}
        template={templateOf(site)}
        url={siteUrl(c.var.config.sitesUrl, site.name)}
        contents={contents}
        trashed={c.req.query('trashed') !== undefined}
      />,
    );
  })
  .get('/sites/:name/items/new', ownSite, async (c) => {
    const site = currentSite(c);
    const kind = kindParam(c.req.query('kind'));
    const number = kind === 'entry' ? await nextNumber(c, site) : undefined;
    return answerEditor(c, site, { kind, values: newItemValues(new Date(), number) });
  })
  .post('/sites/:name/items', ownSite, async (c) => {
    const site = currentSite(c);
    const input = await postedInput(c);
    const kind = kindParam(input.kind);
    const values = valuesFromInput(input);
    const parsed = parseItemForm(values, kind, extrasFor(templateOf(site), kind));
    const warnings = itemWarnings(values);
    if (!parsed.ok)
      return answerEditor(c, site, { kind, values, warnings, errors: parsed.errors }, 400);
    let item: SiteItem;
    try {
      item = await createItem(c.var.db, site.name, parsed.content);
    } catch (error) {
      if (error instanceof SlugTaken)
        return answerEditor(
          c,
          site,
          { kind, values, warnings, errors: { slug: slugError(error) } },
          409,
        );
      console.error('item create failed', site.name, String(error));
      return answerEditor(c, site, { kind, values, warnings, notice: notSaved }, 503);
    }
    const next = `${itemPath(site.name, item.id)}?saved`;
    if (isHtmx(c)) return c.body(null, 204, { 'HX-Redirect': next });
    return c.redirect(next, 303);
  })
  .post('/sites/:name/items/:id/check', ownSite, async (c) => {
    const site = currentSite(c);
    const field = c.req.query('field') ?? '';
    if (!checkableFields.includes(field)) throw notFound();
    const input = await postedInput(c);
    const item = c.req.param('id') === 'new' ? undefined : await liveItem(c, site);
    const kind = item?.kind ?? kindParam(input.kind);
    const template = templateOf(site);
    const extras = extrasFor(template, kind);
    const values = valuesFromInput(input);
    const parsed = parseItemForm(values, kind, extras);
    const errors = parsed.ok ? {} : parsed.errors;
    if (field === 'slug' && !errors.slug) {
      const slug = values.slug.trim() || slugify(values.title);
      const holder = await slugHolder(c.var.db, site.name, slug);
      if (holder && holder.itemId !== item?.id)
        errors.slug = slugTakenMessage(slug, holder.inTrash);
    }
    c.header('Vary', 'Cookie, HX-Request');
    return c.html(
      <ItemFormField
        field={field as FormField}
        template={template}
        kind={kind}
        extras={extras}
        values={values}
        errors={{ [field]: errors[field] ?? '' }}
        warnings={itemWarnings(values)}
        check={`${item ? itemPath(site.name, item.id) : `/sites/${site.name}/items/new`}/check`}
      />,
    );
  })
  .get('/sites/:name/items/:id', ownSite, async (c) => {
    const site = currentSite(c);
    const item = await liveItem(c, site);
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
    return answerEditor(c, site, editing(item, notice));
  })
  .post('/sites/:name/items/:id', ownSite, async (c) => {
    const site = currentSite(c);
    const item = await siteItem(c, site);
    const values = valuesFromInput(await postedInput(c));
    const kind = item.kind;
    const warnings = itemWarnings(values);
    const mine = (extra: Partial<EditorState>, status: ContentfulStatusCode) =>
      answerEditor(c, site, { kind, item, values, warnings, ...extra }, status);
    if (item.deletedAt) return mine({ notice: trashedElsewhere }, 409);
    const parsed = parseItemForm(values, kind, extrasFor(templateOf(site), kind));
    if (!parsed.ok) return mine({ errors: parsed.errors }, 400);
    let saved: SiteItem;
    try {
      saved = await saveItem(c.var.db, item, parsed.content, parsed.version ?? 0);
    } catch (error) {
      if (error instanceof ItemVersionConflict)
        return conflict(c, site, values, parsed.content, error);
      if (error instanceof SlugTaken) return mine({ errors: { slug: slugError(error) } }, 409);
      console.error('item save failed', site.name, item.id, String(error));
      return mine({ notice: notSaved }, 503);
    }
    if (!isHtmx(c)) return c.redirect(`${itemPath(site.name, saved.id)}?saved`, 303);
    const at = saved.updatedAt.slice(11, 16);
    return answerEditor(
      c,
      site,
      editing(saved, { tone: 'saved', text: `Saved at ${at} UTC.` }),
      200,
      saved,
    );
  });
