/**
 * The owner's profile form: their own words (each empty one falls back to
 * Bluesky's), up to five links, and whether they are listed. A refused save
 * comes back with the input kept and each problem next to its field; a
 * save that collided with another shows what differs above the form, and
 * one the storage did not take says so above the form as sent.
 */
import type { Member } from '../../../core/records/members';
import { LIMITS, LINK_SLOTS, type ProfileFormValues } from '../../../core/forms/profile';
import { ConflictNotice } from '../../components/conflict';
import { CsrfField } from '../../components/csrf-field';
import { Checkbox, FormProblems, TextArea, TextField } from '../../components/fields';
import { FormNoticeLine, type FormNotice } from '../../components/form-notice';
import { profilePath } from '../../../core/paths';
import { webAddressHint } from '../../../templates/web-address';

export interface EditProfilePageProps {
  member: Member;
  values: ProfileFormValues;
  errors?: Record<string, string>;
  conflict?: { label: string; saved: string; yours: string }[];
  /** Not saved, and why (the storage failed); the form keeps what was sent. */
  notice?: FormNotice;
  csrfToken: string;
}

export function EditProfilePage(props: EditProfilePageProps) {
  const { member, values, csrfToken } = props;
  const errors = props.errors ?? {};
  const path = profilePath(member);
  const fromBluesky = (what: string, value?: string) =>
    value ? `Leave empty to use your ${what} from Bluesky: “${value}”.` : undefined;
  return (
    <>
      <h1>Edit your profile</h1>
      <FormNoticeLine notice={props.notice} />
      {props.conflict && <ConflictNotice changes={props.conflict} />}
      <form method="post" action={`${path}/edit`} class="card" novalidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="version" value={values.version} />
        <FormProblems errors={errors} />
        <TextField
          name="name"
          label="Display name"
          hint={fromBluesky('name', member.displayName) ?? `At most ${LIMITS.name} characters.`}
          value={values.name}
          maxlength={LIMITS.name}
          error={errors.name}
        />
        <TextArea
          name="bio"
          label="A few words about you"
          hint={fromBluesky('bio', member.description) ?? `At most ${LIMITS.bio} characters.`}
          value={values.bio}
          maxlength={LIMITS.bio}
          error={errors.bio}
        />
        <TextField
          name="location"
          label="Where on the block"
          hint="For example “the blue house at number 12”. Leave empty to say nothing."
          value={values.location}
          maxlength={LIMITS.location}
          error={errors.location}
        />
        <fieldset>
          <legend>Links (up to {LIMITS.links})</legend>
          <p class="hint">Web addresses: {webAddressHint}</p>
          {LINK_SLOTS.map((i) => {
            const link = values.links[i - 1];
            return (
              <div class="link-slot">
                <TextField
                  name={`link${i}Label`}
                  label={`Link ${i}: label`}
                  value={link?.label}
                  maxlength={LIMITS.label}
                  error={errors[`link${i}Label`]}
                />
                <TextField
                  name={`link${i}Url`}
                  label={`Link ${i}: address`}
                  type="url"
                  value={link?.url}
                  maxlength={LIMITS.url}
                  error={errors[`link${i}Url`]}
                />
              </div>
            );
          })}
        </fieldset>
        <Checkbox
          name="listed"
          label="Show me in the directory"
          hint="Your profile page stays reachable by its address either way."
          checked={values.listed}
          error={errors.listed}
        />
        <div class="actions">
          <button type="submit">Save</button>
          <a href={path}>Cancel</a>
        </div>
      </form>
      <form method="post" action={`${path}/refresh`} class="card">
        <h2>Refresh from Bluesky</h2>
        <p class="hint">
          Reads your name, bio and picture from your Bluesky profile again. Your own display name
          and bio here are cleared so Bluesky’s show.
        </p>
        <CsrfField token={csrfToken} />
        <button type="submit" class="secondary">
          Refresh from Bluesky
        </button>
      </form>
    </>
  );
}
