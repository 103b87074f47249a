/**
 * An invitation link that still works: the neighborhood it is for, the note
 * from whoever made it, and one way forward for the viewer: sign in (and
 * come back here), press Join, or learn they are already a member.
 */
import { isMember, type Member } from '../../../core/records/members';
import type { Invitation } from '../../../core/records/invitations';
import type { Neighborhood } from '../../../core/records/neighborhood';
import { longDate } from '../../dates';
import { CsrfField } from '../../components/csrf-field';
import { SignInForm } from '../../components/sign-in-form';
import { invitationPath } from '../../../core/paths';
import { handleText } from '../../components/handle';

export interface InvitationPageProps {
  neighborhood: Neighborhood;
  invitation: Invitation;
  member?: Member;
  csrfToken: string;
}

const day = (seconds: number) => longDate(seconds * 1000);

export function InvitationPage({
  neighborhood,
  invitation,
  member,
  csrfToken,
}: InvitationPageProps) {
  const path = invitationPath(invitation.code);
  return (
    <>
      <section class="intro">
        <p class="hint">You are invited to join</p>
        <h1>{neighborhood.name}</h1>
        <p>{neighborhood.description}</p>
      </section>
      {invitation.note && (
        <section class="card" aria-label="Note">
          <p class="hint">A note from {handleText({ handle: invitation.createdByHandle })}:</p>
          <blockquote>{invitation.note}</blockquote>
        </section>
      )}
      {!member ? (
        <>
          <p class="notice">Sign in with Bluesky to accept this invitation.</p>
          <SignInForm csrfToken={csrfToken} next={path} />
        </>
      ) : isMember(member) ? (
        <p class="card notice">
          You are already a member of {neighborhood.name}. <a href="/">Go to the front page</a>.
        </p>
      ) : (
        <form method="post" action={`${path}/join`} class="card">
          <CsrfField token={csrfToken} />
          <p>This link lets you join straight away. It works until {day(invitation.validUntil)}.</p>
          <button type="submit">Join {neighborhood.name}</button>
        </form>
      )}
    </>
  );
}
