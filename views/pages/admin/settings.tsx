/**
 * The neighborhood's settings form: its words (name, description, welcome,
 * where it is), who may see the directory, how people join and how many
 * sites a member may have. It shows each problem next to its field, keeps
 * what the admin typed (also when the storage did not take a save), and
 * carries the version it was read at so a concurrent edit is caught
 * instead of overwritten.
 */
import type { Neighborhood } from '../../../core/records/neighborhood';
import { ConflictNotice } from '../../components/conflict';
import { CsrfField } from '../../components/csrf-field';
import { Choice, FormProblems, TextArea, TextField } from '../../components/fields';
import { FormNoticeLine, type FormNotice } from '../../components/form-notice';
import { AdminNav, Notice } from './common';

export type SettingName = Exclude<keyof Neighborhood, 'version'>;

/** Each setting's name in the admins' words (the form's labels, the audit log, the conflict table). */
export const settingLabels: Record<SettingName, string> = {
  name: 'Name',
  description: 'Short description',
  welcome: 'Welcome text',
  location: 'Where it is',
  directoryVisibility: 'Who may see the directory',
  joinPolicy: 'How people join',
  siteLimit: 'Sites per member',
};

const choices: Partial<Record<SettingName, { value: string; label: string }[]>> = {
  directoryVisibility: [
    { value: 'public', label: 'Anyone' },
    { value: 'members', label: 'Members only' },
  ],
  joinPolicy: [
    { value: 'open', label: 'Open: anyone signed in can join at once' },
    { value: 'approval', label: 'On approval: an admin answers each request' },
    { value: 'invitation', label: 'By invitation only' },
  ],
};

/** A setting's value as an admin reads it: the label of a choice, the text itself otherwise. */
export function settingText(name: SettingName, value: string): string {
  return choices[name]?.find((o) => o.value === value)?.label ?? value;
}

/** The form's values as typed (strings), including the hidden `version`. */
export type SettingsValues = Partial<Record<SettingName | 'version', string>>;

export const settingsValues = (n: Neighborhood): SettingsValues =>
  Object.fromEntries(Object.entries(n).map(([k, v]) => [k, String(v)]));

export interface SettingsPageProps {
  values: SettingsValues;
  errors?: Record<string, string>;
  /** What someone else saved meanwhile, when it differs from this admin's version. */
  conflict?: { label: string; saved: string; yours: string }[];
  saved?: boolean;
  /** Not saved, and why (the storage failed); the form keeps what was sent. */
  notice?: FormNotice;
  csrfToken: string;
}

export function SettingsPage({
  values,
  errors = {},
  conflict,
  saved,
  notice,
  csrfToken,
}: SettingsPageProps) {
  const field = (name: SettingName) => ({
    name,
    label: settingLabels[name],
    value: values[name],
    error: errors[name],
  });
  return (
    <>
      <h1>Settings</h1>
      <AdminNav current="/admin/settings" />
      <Notice text={saved ? 'Saved. The front page shows the new settings now.' : undefined} />
      <FormNoticeLine notice={notice} />
      {conflict && <ConflictNotice changes={conflict} />}
      <form method="post" action="/admin/settings" class="card">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="version" value={values.version ?? '0'} />
        <FormProblems errors={errors} />
        <TextField {...field('name')} maxlength={60} required hint="Up to 60 characters." />
        <TextField
          {...field('description')}
          maxlength={200}
          hint="One sentence under the name on the front page. Up to 200 characters."
        />
        <TextArea
          {...field('welcome')}
          maxlength={2000}
          rows={6}
          hint="A longer welcome on the front page; each line is a paragraph. Up to 2,000 characters."
        />
        <TextField
          {...field('location')}
          maxlength={200}
          hint="In your own words, e.g. “Oak Street between 3rd and 5th”. Up to 200 characters."
        />
        <Choice {...field('directoryVisibility')} options={choices.directoryVisibility!} />
        <Choice {...field('joinPolicy')} options={choices.joinPolicy!} />
        <TextField
          {...field('siteLimit')}
          type="number"
          hint="How many sites each member may have: a whole number from 0 to 20."
        />
        <button type="submit">Save settings</button>
      </form>
    </>
  );
}
