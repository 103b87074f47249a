/**
 * A site's settings (`/sites/:name/settings`): a form generated from the
 * template's declared fields, validated on the server, version-checked so
 * two tabs never overwrite each other, and kept as sent when the storage
 * fails. A plain form redirects (303) after saving; with htmx the form
 * saves in place.
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  formValuesFromInput,
  formValuesOf,
  parseSettingsForm,
  postedVersion,
  settingsDifferences,
} from '../../../core/forms/settings-form';
import { settingsPath } from '../../../core/paths';
import type { Site } from '../../../core/records/sites';
import { withDefaults } from '../../../templates/settings';
import {
  SettingsForm,
  SiteSettingsPage,
  type SettingsFormProps,
} from '../../../views/pages/sites/settings';
import type { SiteContext, SiteEnv } from '../../context';
import { saveSiteSettings, SiteVersionConflict } from '../../db/sites';
import { notFound } from '../../errors';
import { answerNotSaved } from '../../not-saved';
import { isHtmx, renderPage } from '../../render';
import { postedInput } from '../../validate';

/** The settings form as a full page, or as the fragment htmx swaps in. */
function renderSettings(
  c: SiteContext,
  site: Site,
  props: Omit<SettingsFormProps, 'siteName' | 'fields' | 'csrfToken'>,
  status: ContentfulStatusCode = 200,
) {
  const template = c.get('template');
  const full = {
    ...props,
    siteName: site.name,
    fields: template.settings,
    csrfToken: c.get('csrfToken'),
  };
  if (isHtmx(c)) return c.html(<SettingsForm {...full} />, status);
  return renderPage(
    c,
    { title: `Settings for ${site.name}`, status, htmx: true },
    <SiteSettingsPage {...full} templateName={template.name} />,
  );
}

export const settings = new Hono<SiteEnv>()
  .get('/', (c) => {
    const site = c.get('site');
    const template = c.get('template');
    return renderSettings(c, site, {
      values: formValuesOf(template.settings, withDefaults(template.settings, site.settings)),
      version: site.version,
      saved: c.req.query('saved') === '1',
    });
  })
  .post('/', async (c) => {
    const site = c.get('site');
    const template = c.get('template');
    const fields = template.settings;
    const input = await postedInput(c);
    const version = postedVersion(input);
    const parsed = parseSettingsForm(fields, input);
    if (!parsed.ok) {
      return renderSettings(
        c,
        site,
        { values: formValuesFromInput(fields, input), version, errors: parsed.errors },
        400,
      );
    }
    const yours = parsed.settings;
    const saved = (now: Site) =>
      isHtmx(c)
        ? renderSettings(c, now, {
            values: formValuesOf(fields, withDefaults(fields, now.settings)),
            version: now.version,
            saved: true,
          })
        : c.redirect(`${settingsPath(now.name)}?saved=1`, 303);
    const conflict = (now: Site) => {
      const changes = settingsDifferences(fields, withDefaults(fields, now.settings), yours);
      // Someone else saved exactly this meanwhile: nothing of theirs or ours is lost.
      if (!changes.length) return saved(now);
      return renderSettings(
        c,
        now,
        { values: formValuesFromInput(fields, input), version: now.version, conflict: changes },
        409,
      );
    };
    if (version !== site.version) return conflict(site);
    try {
      return saved(await saveSiteSettings(c.get('db'), site.name, yours, version));
    } catch (error) {
      if (!(error instanceof SiteVersionConflict))
        return answerNotSaved(error, `site settings of ${site.name}`, (notice, status) =>
          renderSettings(
            c,
            site,
            { values: formValuesFromInput(fields, input), version, notice },
            status,
          ),
        );
      if (!error.current) throw notFound();
      return conflict(error.current);
    }
  });
