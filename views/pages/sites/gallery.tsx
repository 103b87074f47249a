/**
 * The template gallery: what each template is for, what its entries are
 * called, a small picture of its sample's front page, and a link to the
 * sample site itself (rendered by the builder, one click away). The
 * pictures are still images made once from the real sample
 * (`scripts/template-pictures.ts`), loaded lazily, so an old phone pays a
 * few kilobytes rather than three framed sites. Members also get a link
 * that starts a site with that template chosen. It is the same for every
 * visitor of each kind, so it is rendered once (`prerendered.ts`).
 */
import { templates } from '../../../templates';
import { assetPath } from '../../asset-paths';
import { prerendered } from '../../prerendered';

function Gallery({ canStart }: { canStart: boolean }) {
  return (
    <>
      <h1>Site templates</h1>
      <p>
        Every member can make a small website of their own from one of these templates. Each works
        on any phone, reads well in dark mode and needs no JavaScript.
      </p>
      <ul class="plain">
        {templates.map((t) => (
          <li class="card" id={t.id}>
            <h2>{t.name}</h2>
            <a href={`/templates/${t.id}/sample/`} class="template-picture">
              <img
                src={assetPath(`template-${t.id}.jpg`)}
                width="320"
                height="200"
                loading="lazy"
                alt={`The front page of the sample ${t.name.toLowerCase()}`}
              />
            </a>
            <p>{t.description}</p>
            <p class="hint">
              You write {t.entry.plural}, and pages such as “About”. Each {t.entry.singular} gets
              its own page.
            </p>
            <ul class="inline">
              <li>
                <a href={`/templates/${t.id}/sample/`}>See a sample {t.name.toLowerCase()}</a>
              </li>
              {canStart && (
                <li>
                  <a href={`/sites/new?template=${t.id}`}>Make a site with this template</a>
                </li>
              )}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}

// The gallery changes only with the code: rendered once for members, once for everyone else.
const forMembers = prerendered(<Gallery canStart />);
const forOthers = prerendered(<Gallery canStart={false} />);

export const GalleryPage = ({ canStart }: { canStart: boolean }) =>
  canStart ? forMembers : forOthers;
