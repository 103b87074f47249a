/**
 * GET/POST /admin/settings: the neighborhood's settings. Bad input comes
 * back with the problem next to its field (400); a save on top of someone
 * else's (the hidden version is stale) comes back as 409 with what differs,
 * overwriting nothing; one the storage did not take comes back as typed
 * (503). A save is written to the audit log with the names of the settings
 * it changed.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AdminEnv, AppContext } from '../../context';
import { recordAudit } from '../../db/audit';
import {
  getNeighborhood,
  NeighborhoodVersionConflict,
  saveNeighborhood,
} from '../../db/neighborhood';
import { type Neighborhood } from '../../../core/records/neighborhood';
import { currentNeighborhood, renderPage } from '../../render';
import { answerNotSaved } from '../../not-saved';
import { postedInput, validForm } from '../../validate';
import {
  SettingsPage,
  settingLabels,
  settingsValues,
  settingText,
  type SettingName,
  type SettingsPageProps,
} from '../../../views/pages/admin/settings';
import { actor, optionalText, wholeNumber } from './shared';

const schema = z.object({
  name: z
    .string({ required_error: 'Give the neighborhood a name.' })
    .trim()
    .min(1, 'Give the neighborhood a name.')
    .max(60, 'Keep the name to 60 characters or fewer.'),
  description: optionalText(200, 'the short description'),
  welcome: optionalText(2000, 'the welcome text'),
  location: optionalText(200, 'where it is'),
  directoryVisibility: z.enum(['public', 'members'], {
    errorMap: () => ({ message: 'Choose who may see the directory.' }),
  }),
  joinPolicy: z.enum(['open', 'approval', 'invitation'], {
    errorMap: () => ({ message: 'Choose how people join.' }),
  }),
  siteLimit: wholeNumber(0, 20),
  // A missing or mangled version can only be stale: treat it as a conflict.
  version: z.coerce.number().int().min(0).catch(-1),
});

const names = Object.keys(settingLabels) as SettingName[];

function page(
  c: AppContext<AdminEnv>,
  props: Omit<SettingsPageProps, 'csrfToken'>,
  status: 200 | 400 | 409 | 503,
) {
  return renderPage(
    c,
    { title: 'Settings', status },
    <SettingsPage {...props} csrfToken={c.get('csrfToken')} />,
  );
}

/** The settings whose values differ between two versions. */
const changed = (a: Omit<Neighborhood, 'version'>, b: Omit<Neighborhood, 'version'>) =>
  names.filter((name) => String(a[name]) !== String(b[name]));

/** The form again, with this admin's input kept and a table of what differs from what is saved now. */
function conflict(
  c: AppContext<AdminEnv>,
  current: Neighborhood,
  yours: Omit<Neighborhood, 'version'>,
) {
  const values = { ...settingsValues(yours as Neighborhood), version: String(current.version) };
  const differences = changed(current, yours).map((name) => ({
    label: settingLabels[name],
    saved: settingText(name, String(current[name])),
    yours: settingText(name, String(yours[name])),
  }));
  return page(c, { values, conflict: differences }, 409);
}

export const settings = new Hono<AdminEnv>()
  .get('/', async (c) => {
    const neighborhood = await currentNeighborhood(c);
    return renderPage(
      c,
      { title: 'Settings', neighborhood },
      <SettingsPage
        values={settingsValues(neighborhood)}
        saved={c.req.query('saved') === '1'}
        csrfToken={c.get('csrfToken')}
      />,
    );
  })
  .post(
    '/',
    validForm(schema, (c: AppContext<AdminEnv>, input, errors) =>
      page(c, { values: input, errors }, 400),
    ),
    async (c) => {
      const viewer = c.get('admin');
      const db = c.get('db');
      const { version, ...next } = c.req.valid('form');
      const current = await getNeighborhood(db);
      const fields = changed(current, next);
      // Saving what is already saved overwrites nobody, whatever version the form had.
      if (!fields.length) return c.redirect('/admin/settings?saved=1', 303);
      if (current.version !== version) return conflict(c, current, next);
      try {
        await saveNeighborhood(db, next, version);
      } catch (error) {
        if (error instanceof NeighborhoodVersionConflict)
          return conflict(c, error.current ?? current, next);
        const input = await postedInput(c);
        return answerNotSaved(error, 'neighborhood settings', (notice, status) =>
          page(c, { values: input, notice }, status),
        );
      }
      await recordAudit(db, {
        ...actor(viewer),
        action: 'settings.update',
        detail: fields.map((name) => settingLabels[name].toLowerCase()).join(', '),
      });
      return c.redirect('/admin/settings?saved=1', 303);
    },
  );
