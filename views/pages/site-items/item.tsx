/**
 * The full page around the item editor: which site and what is being
 * edited, the editor itself, and (once the item exists) its preview beside
 * it. On a wide screen the stylesheet sets the text and the preview side by
 * side; on a phone the preview stays folded below the form, so nothing loads
 * until the person opens it. Loads htmx, which only makes the same form
 * smoother (a save refreshes the preview in place).
 */
import { PreviewPanel } from '../../components/preview-frame';
import { ItemEditor, kindName, type ItemEditorProps } from './editor';
import { itemPreviewPath, sitePath } from '../../../core/paths';

export function itemPageTitle(props: Pick<ItemEditorProps, 'template' | 'kind' | 'item'>) {
  const name = kindName(props.template, props.kind);
  return props.item ? `Edit ${name}: ${props.item.title}` : `New ${name}`;
}

export function ItemPage(props: ItemEditorProps) {
  const { site, template, item } = props;
  return (
    <>
      <p class="crumbs">
        <a href={sitePath(site)}>← {site}</a>
      </p>
      <h1>{itemPageTitle(props)}</h1>
      <div class={item ? 'editor-page with-preview' : 'editor-page'}>
        <ItemEditor {...props} />
        {item && (
          <aside class="preview-pane" aria-label="Preview">
            <PreviewPanel src={itemPreviewPath(site, template, item)} />
          </aside>
        )}
      </div>
    </>
  );
}
