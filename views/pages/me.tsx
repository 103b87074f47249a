/**
 * The signed-in person's own page: who they are signed in as, where they
 * stand in the neighborhood (in words), their profile, their data (download
 * it, delete the account), leaving (a link to a page that asks first, kept
 * apart from sign-out so the two are not mistaken for each other), and sign-out.
 */
import { memberBio, memberName, removedPurgeDate, type Member } from '../../core/records/members';
import { Avatar } from '../components/avatar';
import { CsrfField } from '../components/csrf-field';
import { AdminAnswer } from '../components/dismiss-answer';
import type { Viewer } from '../../core/records/sessions';
import { longDate } from '../dates';
import { LEAVE_PATH, profilePath, WITHDRAW_REQUEST_PATH } from '../../core/paths';
import { handleText } from '../components/handle';

/** Where they stand, as a sentence. */
export function membershipInWords(member: Member): string {
  switch (member.status) {
    case 'member':
      return member.role === 'admin'
        ? 'You are an admin of the neighborhood.'
        : 'You are a member of the neighborhood.';
    case 'pending':
      return 'You asked to join. An admin will answer soon.';
    case 'removed': {
      const purgeAt = removedPurgeDate(member);
      const purge = purgeAt
        ? ` Your data is kept until ${longDate(purgeAt)}; you can still download it.`
        : '';
      return `An admin removed you from the neighborhood.${purge}`;
    }
    default:
      return 'You are signed in, but not a member of the neighborhood.';
  }
}

export function MePage({ viewer, csrfToken }: { viewer: Viewer; csrfToken: string }) {
  const { member } = viewer;
  const bio = memberBio(member);
  const isMember = member.status === 'member';
  return (
    <>
      <h1>Your account</h1>
      <section class="card profile" aria-label="Your profile">
        <Avatar member={member} />
        <div>
          <p class="name">{memberName(member)}</p>
          <p class="handle">{handleText(member)}</p>
          {bio && <p class="bio">{bio}</p>}
        </div>
      </section>
      <p class="notice">{membershipInWords(member)}</p>
      {(member.status === 'visitor' || member.status === 'member') && member.decisionMessage && (
        <AdminAnswer
          intro={
            member.status === 'member'
              ? 'An admin welcomed you in:'
              : 'An admin answered your request to join:'
          }
          message={member.decisionMessage}
          csrfToken={csrfToken}
          back="/me"
        />
      )}
      {member.status === 'pending' && (
        <p>
          <a href={WITHDRAW_REQUEST_PATH}>Withdraw your request…</a>
        </p>
      )}
      {member.status !== 'member' && member.status !== 'removed' && (
        <p>
          <a href="/">See how to join</a>
        </p>
      )}
      {isMember && (
        <ul>
          <li>
            <a href={profilePath(member)}>Your profile page</a>
          </li>
          <li>
            <a href={`${profilePath(member)}/edit`}>Edit your profile</a>
          </li>
        </ul>
      )}
      <h2>Your data</h2>
      <ul>
        <li>
          <a href="/me/export">Download your data</a> (a JSON file of everything held about you)
        </li>
        <li>
          <a href="/me/delete">Delete your account</a>
        </li>
      </ul>
      {isMember && (
        <>
          <h2>Your membership</h2>
          <p>
            <a href={LEAVE_PATH}>Leave the neighborhood…</a> (asks first, and says what you would
            lose)
          </p>
        </>
      )}
      <form method="post" action="/logout" class="sign-out">
        <CsrfField token={csrfToken} />
        <button type="submit" class="secondary">
          Sign out
        </button>
      </form>
    </>
  );
}
