/** The signed-in member's own page: who they are signed in as, and sign-out. */
import { Avatar } from '../components/avatar';
import { CsrfField } from '../components/csrf-field';
import type { Viewer } from '../viewer';

export function MePage({ viewer, csrfToken }: { viewer: Viewer; csrfToken: string }) {
  const { member } = viewer;
  return (
    <>
      <h1>You are signed in</h1>
      <section class="card profile" aria-label="Your profile">
        <Avatar member={member} />
        <div>
          <p class="name">{member.displayName ?? member.handle}</p>
          <p class="handle">@{member.handle}</p>
          {member.description && <p class="bio">{member.description}</p>}
        </div>
      </section>
      <p class="hint">
        Your name, picture and bio come from your Bluesky profile and are refreshed each time you
        sign in.
      </p>
      <form method="post" action="/logout">
        <CsrfField token={csrfToken} />
        <button type="submit" class="secondary">
          Sign out
        </button>
      </form>
    </>
  );
}
