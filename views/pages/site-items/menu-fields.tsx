/**
 * A free page's place in its site's menu: a box to leave it out, and a
 * number for its place (lowest first; pages without one follow by date).
 * The box says "leave out" rather than "include" because an unticked box
 * posts nothing: a form that never showed it keeps the page in the menu,
 * as every page was before this was a choice.
 */
import type { ItemFormValues } from '../../../core/forms/item';
import type { FieldErrors } from '../../../core/forms/field-errors';
import { limits } from '../../../templates/content';
import { TextField } from '../../components/fields';

export function MenuFields({ values, errors }: { values: ItemFormValues; errors: FieldErrors }) {
  return (
    <fieldset class="menu">
      <legend>Site menu</legend>
      <div class="field checkbox">
        <input
          type="checkbox"
          id="menu"
          name="menu"
          value="out"
          checked={values.menu === 'out'}
          aria-describedby="menu-hint"
        />
        <label for="menu">Leave this page out of the site menu</label>
        <p class="hint" id="menu-hint">
          It is still published, at its address, for links to it.
        </p>
      </div>
      <TextField
        name="menuOrder"
        label="Place in the menu"
        hint={`A number from 1 to ${limits.menuOrder}: 1 comes first. Leave it empty to list the page after the numbered ones.`}
        type="number"
        value={values.menuOrder}
        error={errors.menuOrder}
      />
    </fieldset>
  );
}
