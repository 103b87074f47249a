/**
 * What a preview shows when the site cannot be rendered yet: each way its
 * settings or content do not fit its template, in the builder's own plain
 * words, with the way back to fix them.
 */
import { settingsPath, sitePath } from '../../../core/paths';

export function PreviewProblemsPage({ problems, site }: { problems: string[]; site: string }) {
  return (
    <section class="card problem">
      <h1>The preview cannot be made yet</h1>
      <p>Some of the site’s settings or content do not fit its template:</p>
      <ul>
        {problems.map((p) => (
          <li>{p}</li>
        ))}
      </ul>
      <p>
        <a href={settingsPath(site)}>Go to the site’s settings</a> or{' '}
        <a href={sitePath(site)}>back to the editor</a>
      </p>
    </section>
  );
}
