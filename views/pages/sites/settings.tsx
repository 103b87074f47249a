/**
 * A site's settings page. The form is generated from the template's declared
 * fields and carries the version it was filled at. The block holding the
 * form is also the fragment htmx swaps in after a save: it comes back with
 * "Saved" in its status line (announced politely), with problems next to
 * their fields, with what differs when someone saved in between, or, when
 * the storage failed, as sent with "Not saved" above it.
 */
import type { SettingsFormValues } from '../../../core/forms/settings-form';
import type { SettingsField } from '../../../templates/settings';
import { ConflictNotice } from '../../components/conflict';
import { CsrfField } from '../../components/csrf-field';
import { FormProblems } from '../../components/fields';
import { FormNoticeLine, type FormNotice } from '../../components/form-notice';
import { SettingsFields } from '../../components/settings-fields';
import { SiteExportForm } from '../../components/site-export-form';
import { settingsPath } from '../../../core/paths';
import { DeleteSiteSection } from './delete';

export interface SettingsFormProps {
  siteName: string;
  fields: readonly SettingsField[];
  values: SettingsFormValues;
  version: number;
  errors?: Record<string, string>;
  conflict?: { label: string; saved: string; yours: string }[];
  /** Just saved: say so in the status line. */
  saved?: boolean;
  /** Not saved, and why (the storage failed); the form keeps what was sent. */
  notice?: FormNotice;
  csrfToken: string;
}

/** The form and everything around it that a save can change. */
export function SettingsForm(props: SettingsFormProps) {
  const path = settingsPath(props.siteName);
  const errors = props.errors ?? {};
  return (
    <div id="settings">
      <FormNoticeLine notice={props.notice} />
      {props.conflict && <ConflictNotice changes={props.conflict} />}
      <form
        method="post"
        action={path}
        class="card"
        novalidate
        data-hx-post={path}
        data-hx-target="#settings"
        data-hx-swap="outerMorph"
      >
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={String(props.version)} />
        <output id="settings-status" class="status" aria-live="polite">
          {props.saved ? 'Saved. The preview shows the new settings now.' : ''}
        </output>
        <FormProblems errors={errors} />
        <SettingsFields fields={props.fields} values={props.values} errors={errors} />
        <div class="actions">
          <button type="submit">Save settings</button>
          <a href={`/sites/${props.siteName}`}>Back to the site</a>
        </div>
      </form>
    </div>
  );
}

export function SiteSettingsPage(props: SettingsFormProps & { templateName: string }) {
  return (
    <>
      <h1>Settings for {props.siteName}</h1>
      <p>
        Your {props.templateName.toLowerCase()}’s title, look and menu.{' '}
        <a href={`/sites/${props.siteName}/preview/`}>Preview the site</a> to see them in place.
      </p>
      <SettingsForm {...props} />
      <SiteExportForm siteName={props.siteName} csrfToken={props.csrfToken} />
      <DeleteSiteSection name={props.siteName} />
    </>
  );
}
