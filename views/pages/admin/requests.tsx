/**
 * Requests to join, oldest first: who is asking, since when, and for each
 * an approve and a decline form with an optional short message that the
 * person sees. A message that is too long comes back in its own form with
 * the problem named next to it.
 */
import { memberName, type Member } from '../../../core/records/members';
import { Avatar } from '../../components/avatar';
import { CsrfField } from '../../components/csrf-field';
import { Pager } from '../../components/pager';
import { AdminNav, Notice, When } from './common';
import { handleText } from '../../components/handle';

export type Decision = 'approve' | 'decline';

/** A decision form that could not be sent: which one, what was typed, and why. */
export interface DecisionProblem {
  did: string;
  decision: Decision;
  message: string;
  error: string;
}

export interface RequestsPageProps {
  requests: Member[];
  next?: string;
  notice?: string;
  problem?: DecisionProblem;
  csrfToken: string;
}

function DecisionForm(props: {
  member: Member;
  decision: Decision;
  index: number;
  problem?: DecisionProblem;
  csrfToken: string;
}) {
  const { member, decision, problem } = props;
  const id = `${decision}-${props.index}`;
  const mine = problem?.did === member.did && problem.decision === decision ? problem : undefined;
  const approve = decision === 'approve';
  return (
    <form method="post" action={`/admin/requests/${encodeURIComponent(member.did)}/${decision}`}>
      <CsrfField token={props.csrfToken} />
      <label for={id}>{approve ? 'Welcome message' : 'Why not'} (optional)</label>
      <input
        id={id}
        name="message"
        type="text"
        maxlength={300}
        value={mine?.message ?? ''}
        aria-invalid={mine ? 'true' : undefined}
        aria-describedby={mine ? `${id}-error` : undefined}
      />
      {mine && (
        <p class="error" id={`${id}-error`} role="alert">
          {mine.error}
        </p>
      )}
      <button type="submit" class={approve ? undefined : 'secondary'}>
        {approve ? 'Approve' : 'Decline'} {memberName(member)}
      </button>
    </form>
  );
}

export function RequestsPage({ requests, next, notice, problem, csrfToken }: RequestsPageProps) {
  return (
    <>
      <h1>Requests to join</h1>
      <AdminNav current="/admin/requests" />
      <Notice text={notice} />
      {requests.length ? (
        <p class="hint">
          Oldest first. A message (up to 300 characters) is shown to the person when they next
          visit.
        </p>
      ) : (
        <p>Nobody is waiting for an answer.</p>
      )}
      {requests.map((m, index) => (
        <section class="card" aria-labelledby={`request-${index}`}>
          <div class="member-card">
            <Avatar member={m} />
            <div>
              <h2 class="name" id={`request-${index}`}>
                {memberName(m)}
              </h2>
              <p class="handle">{handleText(m)}</p>
              {m.requestedAt && (
                <p class="hint">
                  Asked <When at={m.requestedAt} />
                </p>
              )}
            </div>
          </div>
          <div class="actions">
            {(['approve', 'decline'] as const).map((decision) => (
              <DecisionForm
                member={m}
                decision={decision}
                index={index}
                problem={problem}
                csrfToken={csrfToken}
              />
            ))}
          </div>
        </section>
      ))}
      <Pager next={next} href={(cursor) => `/admin/requests?after=${encodeURIComponent(cursor)}`} />
    </>
  );
}
