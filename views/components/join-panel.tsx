/**
 * "How to join", as the front page shows it to whoever is looking: signed
 * out, the sign-in form and one sentence on how joining works here; a
 * visitor, the one button the join policy allows (or where to get an
 * invitation); pending, that an admin will answer and a way to withdraw;
 * removed, what they can still do; a member, a short welcome back. An
 * admin's answer shows until the person dismisses it. Every button is a plain form.
 */
import { memberName, removedPurgeDate, type Member } from '../../core/records/members';
import type { JoinPolicy, Neighborhood } from '../../core/records/neighborhood';
import { longDate } from '../dates';
import { CsrfField } from './csrf-field';
import { AdminAnswer } from './dismiss-answer';
import { WITHDRAW_REQUEST_PATH } from '../../core/paths';
import { SignInForm, type SignInFormProps } from './sign-in-form';

export interface JoinPanelProps {
  neighborhood: Neighborhood;
  member?: Member;
  signIn: SignInFormProps;
}

const howJoiningWorks: Record<JoinPolicy, string> = {
  open: 'Anyone can join: sign in with Bluesky, then press Join.',
  approval: 'Sign in with Bluesky, then ask to join; an admin answers each request.',
  invitation: 'Joining is by invitation: ask a neighbor for a link, then open it and sign in.',
};

export function JoinPanel({ neighborhood, member, signIn }: JoinPanelProps) {
  if (!member) {
    return (
      <>
        <p class="notice">{howJoiningWorks[neighborhood.joinPolicy]}</p>
        <SignInForm {...signIn} />
      </>
    );
  }
  if (member.status === 'member') {
    return (
      <div class="card">
        <p>
          Welcome back, {memberName(member)}. <a href="/me">Go to your page</a>.
        </p>
        {member.decisionMessage && (
          <AdminAnswer
            intro="An admin welcomed you in:"
            message={member.decisionMessage}
            csrfToken={signIn.csrfToken}
            back="/"
          />
        )}
      </div>
    );
  }
  if (member.status === 'pending') {
    return (
      <div class="card notice">
        <p>Your request is waiting for an admin. You will see their answer here.</p>
        <p>
          <a href={WITHDRAW_REQUEST_PATH}>Withdraw your request…</a>
        </p>
      </div>
    );
  }
  if (member.status === 'removed') {
    const purgeAt = removedPurgeDate(member);
    return (
      <section class="card" aria-labelledby="join-heading">
        <h2 id="join-heading">You were removed from {neighborhood.name}</h2>
        <p>
          An admin removed you from the neighborhood. You can still{' '}
          <a href="/me/export">download your data</a>
          {purgeAt && ` until ${longDate(purgeAt)}`}.
        </p>
      </section>
    );
  }
  return <VisitorPanel neighborhood={neighborhood} member={member} csrfToken={signIn.csrfToken} />;
}

function VisitorPanel(props: { neighborhood: Neighborhood; member: Member; csrfToken: string }) {
  const { name, joinPolicy } = props.neighborhood;
  const answer = props.member.decisionMessage;
  return (
    <section class="card" aria-labelledby="join-heading">
      <h2 id="join-heading">Join {name}</h2>
      {answer && (
        <AdminAnswer
          intro="An admin answered your last request to join:"
          message={answer}
          csrfToken={props.csrfToken}
          back="/"
        />
      )}
      {joinPolicy === 'invitation' ? (
        <p>Joining is by invitation: ask a neighbor for a link.</p>
      ) : (
        <form method="post" action="/join">
          <CsrfField token={props.csrfToken} />
          <p class="hint">
            {joinPolicy === 'open'
              ? 'You are in as soon as you press the button.'
              : 'An admin looks at each request; you will see their answer here.'}
          </p>
          <button type="submit">
            {joinPolicy === 'open' ? `Join ${name}` : answer ? 'Ask again' : 'Ask to join'}
          </button>
        </form>
      )}
    </section>
  );
}
