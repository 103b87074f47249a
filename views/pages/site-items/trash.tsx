/**
 * A site's trash: deleted items with the day each will be deleted for good,
 * and a button to restore each one.
 */
import { type ItemSummary, itemPurgeDate, TRASH_DAYS } from '../../../core/records/sites';
import type { TemplateDefinition } from '../../../templates/template';
import { CsrfField } from '../../components/csrf-field';
import { longDate } from '../../dates';
import { kindName } from './editor';
import { itemPath, sitePath } from '../../../core/paths';

export function TrashPage(props: {
  site: string;
  template: TemplateDefinition;
  items: ItemSummary[];
  csrfToken: string;
}) {
  const { site, items } = props;
  return (
    <>
      <p class="crumbs">
        <a href={sitePath(site)}>← {site}</a>
      </p>
      <h1>Trash</h1>
      <p>Deleted items stay here for {TRASH_DAYS} days, then they are deleted for good.</p>
      {!items.length && <p class="hint">The trash is empty.</p>}
      <ul class="plain trash">
        {items.map((item) => {
          const purge = itemPurgeDate(item)!.toISOString();
          return (
            <li class="card">
              <p>
                <strong>{item.title}</strong>{' '}
                <span class="hint">({kindName(props.template, item.kind)})</span>
              </p>
              <p class="hint">
                Deleted <time datetime={item.deletedAt}>{longDate(item.deletedAt!)}</time>; deleted
                for good on <time datetime={purge}>{longDate(purge)}</time>.
              </p>
              <form method="post" action={`${itemPath(site, item.id)}/restore`}>
                <CsrfField token={props.csrfToken} />
                <button type="submit" class="secondary">
                  Restore “{item.title}”
                </button>
              </form>
            </li>
          );
        })}
      </ul>
    </>
  );
}
