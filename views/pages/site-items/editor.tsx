/**
 * The item editor: the form for one entry or page, with its problems next to
 * each field, warnings that do not stop a save, a status line (saved, or
 * not saved and why), and the conflict view when another tab saved first.
 * It is one unit, `#editor`: the full page shows it, and with htmx a save
 * answers just this, so saving needs no reload. Without JavaScript the same
 * form posts and redirects.
 */
import type { SiteItem } from '../../../core/records/sites';
import type { ItemDifference, ItemExtra, ItemFormValues } from '../../../core/forms/item';
import type { ItemWarning } from '../../../core/forms/markdown-lint';
import type { FieldErrors } from '../../../core/forms/field-errors';
import type { ItemKind } from '../../../templates/content';
import type { TemplateDefinition } from '../../../templates/template';
import { CsrfField } from '../../components/csrf-field';
import { FormProblems } from '../../components/fields';
import { FormNoticeLine, type FormNotice } from '../../components/form-notice';
import { ItemConflict } from '../../components/item-conflict';
import { MarkdownHelp } from '../../components/markdown-help';
import { MenuFields } from './menu-fields';
import { PicturesPanel } from './pictures-panel';
import type { Picture } from '../../../core/records/pictures';
import { formFields, hasField, ItemFormField } from './item-form-fields';
import { itemCheckPath, itemPath, itemPreviewPath, sitePath } from '../../../core/paths';

export interface ItemEditorProps {
  site: string;
  template: TemplateDefinition;
  kind: ItemKind;
  extras: readonly ItemExtra[];
  /** The saved item; absent while creating one. */
  item?: SiteItem;
  values: ItemFormValues;
  errors?: FieldErrors;
  warnings?: ItemWarning[];
  /** A line above the form: the last save worked, or it did not and why. */
  notice?: FormNotice;
  conflict?: { saved: SiteItem; differences: ItemDifference[] };
  csrfToken: string;
  /** The site's pictures, offered beside the text and in a project's picture field. */
  pictures: Picture[];
}

/** What the template calls this kind of item: "post", "project", "issue", or "page". */
export const kindName = (template: TemplateDefinition, kind: ItemKind) =>
  kind === 'entry' ? template.entry.singular : 'page';

export function ItemEditor(props: ItemEditorProps) {
  const { site, template, kind, item, values } = props;
  const errors = props.errors ?? {};
  const action = item ? itemPath(site, item.id) : `/sites/${site}/items`;
  const check = itemCheckPath(site, item?.id);
  const name = kindName(template, kind);
  return (
    <div id="editor">
      <FormNoticeLine notice={props.notice} />
      {item && (
        <p class="preview-link">
          <a href={itemPreviewPath(site, template, item)}>Preview this {name}</a>
          {item.status === 'draft' && (
            <span class="hint"> (as it will look once ready; visitors cannot see drafts)</span>
          )}
        </p>
      )}
      {props.conflict && (
        <ItemConflict
          saved={props.conflict.saved}
          differences={props.conflict.differences}
          reloadHref={itemPath(site, props.conflict.saved.id)}
        />
      )}
      <form
        method="post"
        action={action}
        class="card item-form"
        novalidate
        data-hx-post={action}
        data-hx-target="#editor"
        data-hx-swap="outerHTML"
      >
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={values.version} />
        {!item && <input type="hidden" name="kind" value={kind} />}
        <FormProblems errors={errors} />
        {formFields
          .filter((field) => hasField(field, props.extras))
          .map((field) => (
            <>
              <ItemFormField
                field={field}
                template={template}
                kind={kind}
                extras={props.extras}
                values={values}
                errors={errors}
                warnings={props.warnings ?? []}
                check={check}
                pictures={props.pictures}
              />
              {field === 'body' && <PicturesPanel site={site} pictures={props.pictures} />}
              {field === 'body' && <MarkdownHelp />}
            </>
          ))}
        {kind === 'page' && <MenuFields values={values} errors={errors} />}
        <fieldset class="status">
          <legend>Status</legend>
          <div class="field checkbox">
            <input
              type="radio"
              id="status-draft"
              name="status"
              value="draft"
              checked={values.status !== 'ready'}
            />
            <label for="status-draft">Draft: only you see it, in the preview</label>
          </div>
          <div class="field checkbox">
            <input
              type="radio"
              id="status-ready"
              name="status"
              value="ready"
              checked={values.status === 'ready'}
            />
            <label for="status-ready">Ready: part of the site when you publish it</label>
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit">{props.conflict ? 'Keep yours' : 'Save'}</button>{' '}
          {item && <a href={`${itemPath(site, item.id)}/delete`}>Delete…</a>}{' '}
          <a href={sitePath(site)}>Back to the site</a>
        </div>
      </form>
    </div>
  );
}
