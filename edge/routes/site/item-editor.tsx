/**
 * How the item editor answers: the full page, or (for htmx) just the editor
 * fragment, plus a fresh preview frame after a save. Also the words for a
 * save that did not happen (the store failed, or the site is full), and the conflict view when another tab saved
 * first, so every answer keeps what the person typed.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ItemContent } from '../../../templates/content';
import type { SiteContext } from '../../context';
import { SlugTaken, type ItemVersionConflict, type SiteFull } from '../../db/items';
import { siteFullMessage } from '../../../core/site-limits';
import type { SiteItem } from '../../../core/records/sites';
import { isStorageFailure } from '../../db/dynamo';
import { byId, listPictures } from '../../db/pictures';
import { notFound } from '../../errors';
import { notSaved } from '../../not-saved';
import type { FormNotice } from '../../../views/components/form-notice';
import {
  differences,
  extrasFor,
  slugTakenMessage,
  valuesOf,
  type ItemFormValues,
} from '../../../core/forms/item';
import { itemWarnings } from '../../../core/forms/markdown-lint';
import { isHtmx, renderPage } from '../../render';
import { PreviewFrame } from '../../../views/components/preview-frame';
import { ItemEditor, type ItemEditorProps } from '../../../views/pages/site-items/editor';
import { ItemPage, itemPageTitle } from '../../../views/pages/site-items/item';
import { itemPath, itemPreviewPath } from '../../../core/paths';

export type EditorState = Omit<
  ItemEditorProps,
  'site' | 'template' | 'extras' | 'csrfToken' | 'pictures' | 'warnings'
>;

/**
 * The editor as a full page, or (for htmx) as the fragment it swaps in,
 * with the site's pictures to put in the text.
 */
export async function answerEditor(
  c: SiteContext,
  state: EditorState,
  status: ContentfulStatusCode = 200,
  refreshPreview?: SiteItem,
) {
  const site = c.get('site');
  const template = c.get('template');
  const pictures = await listPictures(c.get('db'), site.name);
  const props: ItemEditorProps = {
    ...state,
    // Warned about with the site's pictures in view: a reference to one it lacks, one undescribed.
    warnings: itemWarnings(state.values, byId(pictures)),
    site: site.name,
    template,
    extras: extrasFor(template, state.kind),
    csrfToken: c.get('csrfToken'),
    pictures,
  };
  c.header('Vary', 'Cookie, HX-Request');
  if (isHtmx(c)) {
    return c.html(
      <>
        <ItemEditor {...props} />
        {refreshPreview && (
          <PreviewFrame src={itemPreviewPath(site.name, template, refreshPreview)} swapOob />
        )}
      </>,
      status,
    );
  }
  return renderPage(
    c,
    { title: itemPageTitle(props), status, htmx: true },
    <ItemPage {...props} />,
  );
}

/** The saved item's editor (its warnings are `answerEditor`'s, with the site's pictures). */
export const editing = (item: SiteItem, notice?: EditorState['notice']): EditorState => ({
  kind: item.kind,
  item,
  values: valuesOf(item),
  notice,
});

/**
 * Why a save did not happen when no rule refused it: the storage failed (the
 * words every form uses), or something else went wrong on our side.
 */
export const notSavedBecause = (error: unknown): FormNotice =>
  isStorageFailure(error)
    ? notSaved
    : {
        tone: 'problem',
        text: 'Not saved: we could not store it just now. Everything you typed is still here; please try saving again in a moment.',
      };

export const trashedElsewhere = {
  tone: 'problem' as const,
  text: 'Not saved: this was moved to the trash in another tab or device. Your text is still here: copy it, or restore the item from the trash and save again.',
};

/** The site has no room for this save: which bound, what it holds, and what to do. */
export function siteFull(error: SiteFull): { notice: EditorState['notice']; status: 409 | 413 } {
  return {
    notice: { tone: 'problem', text: siteFullMessage(error.bound, error.usage, error.itemBytes) },
    status: error.bound === 'items' ? 409 : 413,
  };
}

/** A slug problem from the data layer, as a message next to the slug field. */
export function slugError(error: SlugTaken): string {
  if (error.problem === 'reserved')
    return `“${error.slug}” is used by every site for its own pages; choose another address.`;
  return slugTakenMessage(error.slug, error.problem === 'trash');
}

/**
 * A save that lost to another tab: nothing was written. The person sees both
 * versions and keeps their own text in the form, now at the current version,
 * so saving again means "keep mine". If the other save left everything as
 * this one would, nothing is lost and it counts as saved.
 */
export function conflict(
  c: SiteContext,
  values: ItemFormValues,
  content: ItemContent,
  error: ItemVersionConflict,
) {
  const current = error.current;
  if (!current) throw notFound();
  if (current.deletedAt)
    return answerEditor(
      c,
      { kind: current.kind, item: current, values, notice: trashedElsewhere },
      409,
    );
  const changed = differences(current, content);
  if (!changed.length) {
    if (!isHtmx(c)) return c.redirect(`${itemPath(c.get('site').name, current.id)}?saved`, 303);
    return answerEditor(c, editing(current, { tone: 'saved', text: 'Saved.' }), 200, current);
  }
  return answerEditor(
    c,
    {
      kind: current.kind,
      item: current,
      values: { ...values, version: String(current.version) },
      conflict: { saved: current, differences: changed },
    },
    409,
  );
}
