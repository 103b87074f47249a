/**
 * Removals that stand, newest first: who (name, handle and DID as they were
 * when removed), when and by whom, each with a "Lift" form. A removal lasts
 * until it is lifted here (or by an invitation link made after it); lifting
 * lets the person join or ask to join again like anyone else.
 */
import { liftRemovalPath } from '../../../core/paths';
import type { Removal } from '../../../core/records/removals';
import { CsrfField } from '../../components/csrf-field';
import { Pager } from '../../components/pager';
import { AdminNav, Notice, When } from './common';
import { handleText } from '../../components/handle';

export interface RemovalsPageProps {
  removals: Removal[];
  next?: string;
  notice?: string;
  csrfToken: string;
}

export function RemovalsPage({ removals, next, notice, csrfToken }: RemovalsPageProps) {
  return (
    <>
      <h1>Removals</h1>
      <AdminNav current="/admin/removals" />
      <Notice text={notice} />
      <p class="hint">
        People removed from the neighborhood stay removed until an admin lifts it here, even if they
        delete their account or their data is purged. While removed they cannot join, ask to join or
        use an invitation link made before their removal, and their sites are offline.
      </p>
      {removals.length ? (
        <ul class="plain">
          {removals.map((r, index) => (
            <li class="card" aria-labelledby={`removal-${index}`}>
              <h2 class="name" id={`removal-${index}`}>
                {r.name}
              </h2>
              <p class="handle">{handleText(r)}</p>
              <p class="hint">
                <code>{r.did}</code>. Removed <When at={r.removedAt} />{' '}
                {r.removedByHandle
                  ? `by @${r.removedByHandle}.`
                  : 'by an admin, before the neighborhood kept who did it.'}
              </p>
              <form method="post" action={liftRemovalPath(r.did)}>
                <CsrfField token={csrfToken} />
                <button type="submit" class="secondary">
                  Lift the removal of {r.name}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>Nobody is removed.</p>
      )}
      <Pager next={next} href={(cursor) => `/admin/removals?after=${encodeURIComponent(cursor)}`} />
    </>
  );
}
