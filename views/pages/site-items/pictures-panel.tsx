/**
 * The site's pictures beside the editor's text, folded away: each with a
 * small thumbnail and the short text that puts it in the post, to copy
 * (a read-only field, so it is easy to select on a phone and in lynx),
 * and the way to the Pictures page to add more.
 */
import { pictureFilePath, picturesPath } from '../../../core/paths';
import { heightAt, pictureFileName, pictureMarkdown } from '../../../core/pictures';
import type { Picture } from '../../../core/records/pictures';

/** How wide the thumbnails are shown; the smallest processed width is fetched. */
const THUMBNAIL = 96;

export function PicturesPanel({ site, pictures }: { site: string; pictures: Picture[] }) {
  return (
    <details class="pictures-panel">
      <summary>Pictures of this site ({pictures.length})</summary>
      {pictures.length === 0 ? (
        <p>
          No pictures yet. <a href={picturesPath(site)}>Add pictures</a>, then put one in the text
          with the short text shown for it.
        </p>
      ) : (
        <>
          <p class="hint">
            Copy a picture’s text into yours where it should appear. Its description is the
            picture’s words for those who cannot see it. <a href={picturesPath(site)}>Pictures</a>
          </p>
          <ul class="pictures-panel-list">
            {pictures.map((p) => {
              const width = p.widths[0] ?? p.width;
              return (
                <li>
                  <img
                    src={pictureFilePath(site, pictureFileName(p.key, width, 'webp'))}
                    width={THUMBNAIL}
                    height={Math.round((heightAt(p, width) * THUMBNAIL) / width)}
                    alt=""
                    loading="lazy"
                    decoding="async"
                  />
                  <label for={`put-${p.id}`}>{p.id}</label>
                  <input
                    type="text"
                    id={`put-${p.id}`}
                    readonly
                    value={pictureMarkdown(p.id, p.description)}
                  />
                </li>
              );
            })}
          </ul>
        </>
      )}
    </details>
  );
}
