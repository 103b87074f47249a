/**
 * The full page around the item editor: which site and what is being
 * edited, the editor itself, and (once the item exists) its preview folded
 * away in a frame. Loads htmx, which only makes the same form smoother.
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
      <ItemEditor {...props} />
      {item && <PreviewPanel src={itemPreviewPath(site, template, item)} />}
    </>
  );
}
