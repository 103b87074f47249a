/**
 * "Sign in with Bluesky": a plain form that posts a handle. On a problem it
 * comes back with the handle still filled in and the problem named next to
 * the field. Under it, a plain word that the account's own server asks for
 * the password, on a page that may need JavaScript (the reference PDS's is a
 * script-only app), so nobody in a text browser is surprised halfway.
 */
import { CsrfField } from './csrf-field';

export interface SignInFormProps {
  csrfToken: string;
  handle?: string;
  error?: string;
  /** A path on this site to come back to after signing in. */
  next?: string;
}

export function SignInForm({ csrfToken, handle, error, next }: SignInFormProps) {
  return (
    <form method="post" action="/login" class="card" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign in with Bluesky</h2>
      <CsrfField token={csrfToken} />
      {next && <input type="hidden" name="next" value={next} />}
      <label for="handle">Your handle</label>
      <p class="hint" id="handle-hint">
        For example <kbd>alice.bsky.social</kbd>, or your profile’s address — any AT Protocol
        account works.
      </p>
      <input
        id="handle"
        name="handle"
        type="text"
        inputmode="url"
        autocomplete="username"
        autocapitalize="none"
        spellcheck={false}
        required
        maxlength={320}
        value={handle ?? ''}
        aria-describedby={error ? 'handle-hint handle-error' : 'handle-hint'}
        aria-invalid={error ? 'true' : undefined}
      />
      {error && (
        <p class="error" id="handle-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Sign in</button>
      <p class="hint" id="sign-in-javascript">
        You finish signing in on your account’s own site (Bluesky’s, for most people). That page may
        need JavaScript: in a text-only browser, or with JavaScript turned off, you may not get
        through. Everything here works without it.
      </p>
    </form>
  );
}
