/**
 * An admin's welcome or answer to a request, as the person sees it, with a
 * small form that puts it away once read (a plain POST, no JavaScript).
 */
import { DISMISS_ANSWER_PATH, type DISMISS_RETURNS } from '../../core/paths';
import { CsrfField } from './csrf-field';

export function AdminAnswer(props: {
  intro: string;
  message: string;
  csrfToken: string;
  back: (typeof DISMISS_RETURNS)[number];
}) {
  return (
    <div class="admin-answer">
      <p>{props.intro}</p>
      <blockquote>{props.message}</blockquote>
      <form method="post" action={DISMISS_ANSWER_PATH}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="back" value={props.back} />
        <button type="submit" class="secondary">
          Dismiss this message
        </button>
      </form>
    </div>
  );
}
