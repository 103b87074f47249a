/**
 * A site's Pictures page: the limits in words, the upload form (a plain
 * multipart form with a file input that takes several pictures, so it
 * works without JavaScript and opens a phone's photo library), what the
 * last upload did, and a grid of the site's pictures, each with its
 * description form, the text that puts it in a post, and a way to delete it.
 */
import { bytesInWords } from '../../../core/forms/body-limits';
import { DESCRIPTION_MAX } from '../../../core/forms/pictures';
import {
  deletePicturePath,
  pictureFilePath,
  picturePath,
  picturesPath,
  sitePath,
} from '../../../core/paths';
import {
  heightAt,
  IMAGE_TYPE_NAMES,
  pictureFileName,
  pictureLimits,
  pictureMarkdown,
} from '../../../core/pictures';
import type { Picture, PictureUsage } from '../../../core/records/pictures';
import { CsrfField } from '../../components/csrf-field';
import { FormNoticeLine, type FormNotice } from '../../components/form-notice';

/** What the last upload did, shown once after its redirect. */
export interface UploadOutcome {
  added: string[];
  problems: string[];
}

/** A description form sent back with a problem, its text kept. */
export interface DescriptionEdit {
  id: string;
  description: string;
  error?: string;
  notice?: FormNotice;
}

export interface PicturesPageProps {
  site: string;
  pictures: Picture[];
  usage: PictureUsage;
  csrfToken: string;
  outcome?: UploadOutcome;
  /** A problem with the upload as a whole (nothing was added). */
  problem?: string;
  edit?: DescriptionEdit;
  saved?: string;
  deleted?: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Outcome({ outcome }: { outcome: UploadOutcome }) {
  return (
    <>
      {outcome.added.length > 0 && (
        <p class="notice saved" role="status">
          Added {outcome.added.join(', ')}. Give {outcome.added.length === 1 ? 'it' : 'each'} a
          description below: it is what people who cannot see the picture hear.
        </p>
      )}
      {outcome.problems.length > 0 && (
        <div class="error-summary" role="alert">
          <p>{plural(outcome.problems.length, 'file was', 'files were')} not added:</p>
          <ul>
            {outcome.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function UploadForm(props: PicturesPageProps) {
  const { usage } = props;
  const kinds = Object.values(IMAGE_TYPE_NAMES).join(', ');
  return (
    <section class="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Add pictures</h2>
      <p class="hint" id="pictures-hint">
        Up to {pictureLimits.perUpload} at a time, each up to{' '}
        {bytesInWords(pictureLimits.fileBytes)}: {kinds} (photos from iPhones are HEIC; a GIF is
        shown still). Each is made smaller for visitors' screens, and where it was taken, the camera
        and every other detail inside the file are removed.
      </p>
      <p>
        This site holds {plural(usage.pictures, 'picture', 'pictures')} ({bytesInWords(usage.bytes)}
        ) of the {pictureLimits.perSite} pictures and {bytesInWords(pictureLimits.siteBytes)} a site
        may hold.
      </p>
      {props.problem && (
        <p class="error-summary" role="alert">
          {props.problem}
        </p>
      )}
      <form method="post" action={picturesPath(props.site)} enctype="multipart/form-data">
        <CsrfField token={props.csrfToken} />
        <label for="pictures">Choose pictures</label>
        <input
          type="file"
          id="pictures"
          name="pictures"
          accept="image/*"
          multiple
          required
          aria-describedby="pictures-hint"
        />
        <div class="actions">
          <button type="submit">Upload</button>
        </div>
      </form>
    </section>
  );
}

function PictureCard(props: {
  site: string;
  picture: Picture;
  csrfToken: string;
  edit?: DescriptionEdit;
}) {
  const { site, picture, edit } = props;
  const width = picture.widths[0] ?? picture.width;
  const description = edit?.description ?? picture.description;
  const field = `description-${picture.id}`;
  return (
    <li class="picture card" id={`picture-${picture.id}`}>
      <img
        src={pictureFilePath(site, pictureFileName(picture.key, width, 'webp'))}
        width={width}
        height={heightAt(picture, width)}
        alt={picture.description}
        loading="lazy"
        decoding="async"
      />
      <p class="picture-name">
        <strong>{picture.id}</strong> <span class="hint">({picture.fileName})</span>
      </p>
      <FormNoticeLine notice={edit?.notice} />
      <form method="post" action={picturePath(site, picture.id)}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={String(picture.version)} />
        <label for={field}>Description</label>
        <textarea
          id={field}
          name="description"
          rows={2}
          maxlength={DESCRIPTION_MAX}
          aria-invalid={edit?.error ? 'true' : undefined}
          aria-describedby={edit?.error ? `${field}-error` : undefined}
        >
          {description}
        </textarea>
        {edit?.error && (
          <p class="error" id={`${field}-error`} role="alert">
            {edit.error}
          </p>
        )}
        {!description && <p class="hint">No description yet.</p>}
        <button type="submit">Save description</button>
      </form>
      <label for={`markdown-${picture.id}`}>To put it in a post, copy</label>
      <input
        type="text"
        id={`markdown-${picture.id}`}
        readonly
        value={pictureMarkdown(picture.id, picture.description)}
      />
      <p>
        <a href={deletePicturePath(site, picture.id)}>Delete {picture.id}</a>
      </p>
    </li>
  );
}

export function PicturesPage(props: PicturesPageProps) {
  return (
    <>
      <p>
        <a href={sitePath(props.site)}>← {props.site}</a>
      </p>
      <h1>Pictures</h1>
      {props.outcome && <Outcome outcome={props.outcome} />}
      {props.saved && (
        <p class="notice saved" role="status">
          Saved the description of {props.saved}.
        </p>
      )}
      {props.deleted && (
        <p class="notice saved" role="status">
          Deleted {props.deleted}.
        </p>
      )}
      <UploadForm {...props} />
      <section aria-labelledby="grid-heading">
        <h2 id="grid-heading">This site's pictures</h2>
        {props.pictures.length === 0 ? (
          <p>No pictures yet.</p>
        ) : (
          <ul class="picture-grid">
            {props.pictures.map((picture) => (
              <PictureCard
                site={props.site}
                picture={picture}
                csrfToken={props.csrfToken}
                edit={props.edit?.id === picture.id ? props.edit : undefined}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
