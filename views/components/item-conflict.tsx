/**
 * Shown in the item editor when a save collided with another tab or device:
 * both versions side by side (one above the other on small screens), only
 * where they differ, the text narrowed to the lines that changed. Nothing
 * was overwritten; the form below still holds the person's own version, so
 * they choose: keep theirs (save it over the other) or take the saved one.
 */
import type { SiteItem } from '../../core/records/sites';
import { changedLines, type ItemDifference } from '../../core/forms/item';

function Value({ diff, side }: { diff: ItemDifference; side: 'saved' | 'yours' }) {
  if (diff.field !== 'body') return <dd>{diff[side] || '(empty)'}</dd>;
  const lines = changedLines(diff.saved, diff.yours)!;
  const shown = lines[side];
  const last = lines.from + shown.length - 1;
  return (
    <dd>
      <p class="hint">
        {shown.length === 0
          ? `Nothing here where the other has line ${lines.from} onwards.`
          : shown.length === 1
            ? `Line ${lines.from}:`
            : `Lines ${lines.from}–${last}:`}
      </p>
      {shown.length > 0 && <pre class="text">{shown.join('\n')}</pre>}
    </dd>
  );
}

function Version(props: {
  side: 'saved' | 'yours';
  heading: string;
  differences: ItemDifference[];
  fullText?: string;
}) {
  return (
    <section class="version" aria-labelledby={`version-${props.side}`}>
      <h3 id={`version-${props.side}`}>{props.heading}</h3>
      <dl>
        {props.differences.map((d) => (
          <>
            <dt>{d.label}</dt>
            <Value diff={d} side={props.side} />
          </>
        ))}
      </dl>
      {props.fullText !== undefined && (
        <details>
          <summary>The whole saved text</summary>
          <pre class="text">{props.fullText}</pre>
        </details>
      )}
    </section>
  );
}

export function ItemConflict(props: {
  saved: SiteItem;
  differences: ItemDifference[];
  reloadHref: string;
}) {
  const { saved, differences } = props;
  const bodyDiffers = differences.some((d) => d.field === 'body');
  return (
    <section class="card conflict item-conflict" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">This changed in another tab or device while you were editing</h2>
      <p>
        Nothing was overwritten. Here is what differs between the two versions. Choose one: keep
        yours (it is still in the form below; saving it replaces the other), or take the saved one.
      </p>
      <div class="versions">
        <Version
          side="saved"
          heading={`Saved (version ${saved.version}, ${saved.updatedAt.slice(0, 16).replace('T', ' ')} UTC)`}
          differences={differences}
          fullText={bodyDiffers ? saved.body : undefined}
        />
        <Version side="yours" heading="Yours (not saved)" differences={differences} />
      </div>
      <p class="actions">
        <a href={props.reloadHref}>Take the saved version</a>
        <span class="hint">(opens it, and leaves yours behind)</span>
      </p>
    </section>
  );
}
