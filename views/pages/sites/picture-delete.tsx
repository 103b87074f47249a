/**
 * "Delete this picture?": the question before deleting one, naming every
 * entry and page of the site that shows it, since they will show nothing
 * in its place. A plain form, so it works anywhere.
 */
import { deletePicturePath, itemPath, picturesPath } from '../../../core/paths';
import type { Picture } from '../../../core/records/pictures';
import type { SiteItem } from '../../../core/records/sites';
import { CsrfField } from '../../components/csrf-field';

export function DeletePicturePage(props: {
  site: string;
  picture: Picture;
  usedBy: SiteItem[];
  csrfToken: string;
}) {
  const { site, picture, usedBy } = props;
  return (
    <section class="card">
      <h1>Delete the picture {picture.id}?</h1>
      {usedBy.length > 0 ? (
        <>
          <p>
            {usedBy.length === 1 ? 'This is' : 'These are'} using it, and will show no picture in
            its place:
          </p>
          <ul>
            {usedBy.map((item) => (
              <li>
                <a href={itemPath(site, item.id)}>{item.title}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>No entry or page of this site uses it.</p>
      )}
      <p>
        Its files are deleted at once, from your published site too, and so is the photo as you
        uploaded it. It cannot be undone.
      </p>
      <form method="post" action={deletePicturePath(site, picture.id)} class="actions">
        <CsrfField token={props.csrfToken} />
        <button type="submit">Delete {picture.id}</button> <a href={picturesPath(site)}>Keep it</a>
      </form>
    </section>
  );
}
