/**
 * Shown above a form when someone else saved the same thing while it was
 * open: what is saved now, next to the person's own version (kept in the
 * form below), so they choose instead of losing either.
 */
export function ConflictNotice({
  changes,
}: {
  changes: { label: string; saved: string; yours: string }[];
}) {
  return (
    <section class="card conflict" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Someone else saved changes while you were editing</h2>
      <p>
        Nothing was overwritten. Your version is still in the form below; saving it now replaces
        what is saved. These differ:
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Saved now</th>
            <th scope="col">Yours</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row">{c.label}</th>
              <td>{c.saved || '(empty)'}</td>
              <td>{c.yours || '(empty)'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
