/**
 * "Make a new site": choose a template (each with its description and a
 * link to its sample) and claim a name, which becomes the site's address.
 * The name field is also the fragment the inline check answers with htmx:
 * as the member types, its status line says whether the name is free, and
 * morphing keeps their cursor where it was. Without JavaScript, sending the
 * form gives the same messages.
 */
import { siteUrl, NAME_MAX } from '../../../core/site-address';
import { templates } from '../../../templates';
import { CsrfField } from '../../components/csrf-field';
import { FormProblems } from '../../components/fields';
import { LimitNote } from './list';
import { NAME_CHECK_PATH } from '../../../core/paths';

export interface NameFieldProps {
  value: string;
  /** What is wrong with the name, if anything. */
  error?: string;
  /** Good news about the name (free), when there is no error. */
  status?: string;
  sitesUrl: string;
}

/** The name field, with its rules, the address it makes, and one status line. */
export function NameField({ value, error, status, sitesUrl }: NameFieldProps) {
  const message = error ?? status;
  return (
    <div class="field" id="name-field">
      <label for="name">Name</label>
      <p class="hint" id="name-hint">
        3 to {NAME_MAX} characters: letters a to z, digits and single hyphens. It becomes your
        site’s address, {siteUrl(sitesUrl, 'name')}, and cannot be changed later.
      </p>
      <input
        id="name"
        name="name"
        type="text"
        value={value}
        maxlength={60}
        autocomplete="off"
        autocapitalize="none"
        spellcheck={false}
        required
        aria-describedby={message ? 'name-hint name-status' : 'name-hint'}
        aria-invalid={error ? 'true' : undefined}
        data-hx-post={NAME_CHECK_PATH}
        data-hx-trigger="input changed delay:400ms"
        data-hx-target="#name-field"
        data-hx-swap="outerMorph"
      />
      <p id="name-status" class={error ? 'error' : 'hint'} aria-live="polite">
        {message}
      </p>
    </div>
  );
}

export interface NewSitePageProps {
  /** When this form was made (ISO), sent back so a refusal can say whether the name was taken since. */
  loadedAt: string;
  template: string;
  name: NameFieldProps;
  errors?: { template?: string; name?: string; form?: string };
  /** Set when the member cannot make another site. */
  atLimit?: { count: number; limit: number };
  csrfToken: string;
}

export function NewSitePage(props: NewSitePageProps) {
  const errors = props.errors ?? {};
  if (props.atLimit) {
    return (
      <>
        <h1>Make a new site</h1>
        <LimitNote {...props.atLimit} />
        <p>
          <a href="/sites">Back to your sites</a>
        </p>
      </>
    );
  }
  const problems = Object.fromEntries(
    Object.entries(errors).filter(([key, text]) => key !== 'form' && text),
  ) as Record<string, string>;
  return (
    <>
      <h1>Make a new site</h1>
      <p>
        Choose how your site works and what it is called. You can change everything else later in
        its settings.
      </p>
      <form method="post" action="/sites" class="card" novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="loadedAt" value={props.loadedAt} />
        <FormProblems errors={problems} />
        {errors.form && (
          <p class="error-summary" role="alert">
            {errors.form}
          </p>
        )}
        <fieldset aria-describedby={errors.template ? 'template-error' : undefined}>
          <legend>Template</legend>
          {templates.map((t, i) => {
            const id = i === 0 ? 'template' : `template-${t.id}`;
            return (
              <div class="field checkbox template-choice">
                <input
                  id={id}
                  name="template"
                  type="radio"
                  value={t.id}
                  checked={t.id === props.template}
                  aria-describedby={`${id}-hint`}
                />
                <label for={id}>{t.name}</label>
                <p class="hint" id={`${id}-hint`}>
                  {t.description} <a href={`/templates/${t.id}/sample/`}>See a sample</a>
                </p>
              </div>
            );
          })}
          {errors.template && (
            <p class="error" id="template-error" role="alert">
              {errors.template}
            </p>
          )}
        </fieldset>
        <NameField {...props.name} />
        <div class="actions">
          <button type="submit">Make the site</button>
          <a href="/sites">Cancel</a>
        </div>
      </form>
    </>
  );
}
