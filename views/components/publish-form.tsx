/** The Publish button: a plain form, so a press works without JavaScript. */
import { publishPath } from '../../core/paths';
import { CsrfField } from './csrf-field';

export function PublishForm({
  site,
  csrfToken,
  label = 'Publish',
}: {
  site: string;
  csrfToken: string;
  label?: string;
}) {
  return (
    <form method="post" action={publishPath(site)} class="actions">
      <CsrfField token={csrfToken} />
      <button type="submit">{label}</button>
    </form>
  );
}
