/**
 * "Move this to the trash?": the question before deleting an item, which
 * says it can be restored for 30 days. A plain form, so it works anywhere.
 */
import { TRASH_DAYS, type SiteItem } from '../../../core/records/sites';
import { CsrfField } from '../../components/csrf-field';
import { itemPath } from '../../../core/paths';

export function DeleteItemPage(props: { site: string; item: SiteItem; csrfToken: string }) {
  const { site, item } = props;
  return (
    <section class="card">
      <h1>Move “{item.title}” to the trash?</h1>
      <p>
        It disappears from the site and its preview. You can restore it from the trash for{' '}
        {TRASH_DAYS} days; after that it is deleted for good. Its address stays reserved for it
        until then.
      </p>
      <form method="post" action={`${itemPath(site, item.id)}/delete`} class="actions">
        <CsrfField token={props.csrfToken} />
        <button type="submit">Move to the trash</button>{' '}
        <a href={itemPath(site, item.id)}>Keep it</a>
      </form>
    </section>
  );
}
