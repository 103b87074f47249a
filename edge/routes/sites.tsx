/**
 * Members' sites: the list of one's own sites, making a new one (a template
 * and a name, claimed by a conditional write under the neighborhood's
 * limit), its settings form, generated from the template's declared fields,
 * and the public template gallery. The dashboard (`/sites/:name`), content
 * and previews are other sub-apps'. Everything works with plain forms and
 * 303 redirects; with htmx the name is checked as it is typed and settings
 * save without a reload.
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext, AppEnv } from '../context';
import { isMember, memberName } from '../db/members';
import { type Neighborhood } from '../db/neighborhood';
import type { Site } from '../db/site-records';
import {
  createSite,
  firstFreeName,
  getSite,
  listOwnerSites,
  NameTaken,
  saveSiteSettings,
  SiteLimitReached,
  SiteVersionConflict,
} from '../db/sites';
import { siteUrl } from '../../core/site-address';
import { notFound } from '../errors';
import {
  formValuesFromInput,
  formValuesOf,
  parseSettingsForm,
  postedVersion,
  settingsDifferences,
} from '../forms/settings-form';
import { nameCandidates, siteNameSchema } from '../forms/site-name';
import { currentSite, ownSite } from '../middleware/site-owner';
import { requireMember } from '../middleware/access';
import { currentNeighborhood, isHtmx, renderPage } from '../render';
import { postedInput } from '../validate';
import { findTemplate, templates, type TemplateDefinition } from '../../templates';
import { defaultSettings, withDefaults } from '../../templates/settings';
import { GalleryPage } from '../../views/pages/sites/gallery';
import { canMakeSite, SitesPage } from '../../views/pages/sites/list';
import {
  NAME_CHECK_PATH,
  NameField,
  NewSitePage,
  type NewSitePageProps,
} from '../../views/pages/sites/new';
import {
  SettingsForm,
  settingsPath,
  SiteSettingsPage,
  type SettingsFormProps,
} from '../../views/pages/sites/settings';

/** Members only (others see the sign-in or members-only page); never cached. */
const memberPage = createMiddleware<AppEnv>(async (c, next) => {
  requireMember(c);
  c.header('Cache-Control', 'private, no-store');
  c.header('Vary', 'Cookie');
  await next();
});

const templateNames = templates.map((t) => t.name).join(', ');

/** A name suggestion for when `name` is taken: the next free `name-2`, `name-3` … */
async function freshSuggestion(c: AppContext, name: string): Promise<string | undefined> {
  const candidates = nameCandidates(name.replace(/-\d+$/, '')).filter((n) => n !== name);
  return firstFreeName(c.var.db, candidates);
}

const takenMessage = (name: string, suggestion?: string) =>
  `Someone has just taken “${name}”.${suggestion ? ` “${suggestion}” is free.` : ' Try another name.'}`;

const freeMessage = (c: AppContext, name: string) =>
  `“${name}” is free: your site will be at ${siteUrl(c.var.config.sitesUrl, name)}`;

function renderNew(
  c: AppContext,
  props: Omit<NewSitePageProps, 'csrfToken'>,
  status: ContentfulStatusCode = 200,
  /** Already read by the handler; saves a read. */
  neighborhood?: Neighborhood,
) {
  return renderPage(
    c,
    { title: 'Make a new site', status, htmx: !props.atLimit, neighborhood },
    <NewSitePage {...props} csrfToken={c.var.csrfToken} />,
  );
}

/** The settings form as a full page, or as the fragment htmx swaps in. */
function renderSettings(
  c: AppContext,
  site: Site,
  template: TemplateDefinition,
  props: Omit<SettingsFormProps, 'siteName' | 'fields' | 'csrfToken'>,
  status: ContentfulStatusCode = 200,
) {
  const full = {
    ...props,
    siteName: site.name,
    fields: template.settings,
    csrfToken: c.var.csrfToken,
  };
  if (isHtmx(c)) return c.html(<SettingsForm {...full} />, status);
  return renderPage(
    c,
    { title: `Settings for ${site.name}`, status, htmx: true },
    <SiteSettingsPage {...full} templateName={template.name} />,
  );
}

/** The template the site was made with; a site whose template is gone cannot be edited here. */
function siteTemplate(site: Site): TemplateDefinition {
  const template = findTemplate(site.template);
  if (!template) throw notFound();
  return template;
}

export const sites = new Hono<AppEnv>()
  .get('/templates', (c) => {
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Cookie');
    return renderPage(
      c,
      { title: 'Site templates' },
      <GalleryPage canStart={isMember(c.var.viewer?.member)} />,
    );
  })
  .get('/sites', memberPage, async (c) => {
    const { member } = requireMember(c);
    const [neighborhood, owned] = await Promise.all([
      currentNeighborhood(c),
      listOwnerSites(c.var.db, member.did),
    ]);
    const summaries = owned.map((site) => ({
      name: site.name,
      template: site.template,
      url: siteUrl(c.var.config.sitesUrl, site.name),
    }));
    return renderPage(
      c,
      { title: 'Your sites', neighborhood },
      <SitesPage sites={summaries} limit={neighborhood.siteLimit} />,
    );
  })
  .get('/sites/new', memberPage, async (c) => {
    const { member } = requireMember(c);
    const { db } = c.var;
    const [neighborhood, owned] = await Promise.all([
      currentNeighborhood(c),
      listOwnerSites(db, member.did),
    ]);
    const sitesUrl = c.var.config.sitesUrl;
    const template = findTemplate(c.req.query('template') ?? '')?.id ?? templates[0]!.id;
    if (!canMakeSite(owned.length, neighborhood.siteLimit)) {
      return renderNew(
        c,
        {
          template,
          name: { value: '', sitesUrl },
          atLimit: { count: owned.length, limit: neighborhood.siteLimit },
        },
        200,
        neighborhood,
      );
    }
    const suggestion = await firstFreeName(db, nameCandidates(member.handle));
    return renderNew(
      c,
      {
        template,
        name: {
          value: suggestion ?? '',
          status:
            suggestion && `We suggest this name, from your handle. ${freeMessage(c, suggestion)}`,
          sitesUrl,
        },
      },
      200,
      neighborhood,
    );
  })
  .post(NAME_CHECK_PATH, memberPage, async (c) => {
    const { member } = requireMember(c);
    const typed = (await postedInput(c)).name ?? '';
    const sitesUrl = c.var.config.sitesUrl;
    const parsed = siteNameSchema.safeParse(typed);
    if (!parsed.success) {
      return c.html(
        <NameField value={typed} error={parsed.error.issues[0]?.message} sitesUrl={sitesUrl} />,
      );
    }
    const name = parsed.data;
    const existing = await getSite(c.var.db, name);
    if (existing) {
      const error =
        existing.ownerDid === member.did
          ? `You already have a site called “${name}”.`
          : `“${name}” is taken.${await freshSuggestion(c, name).then((s) => (s ? ` “${s}” is free.` : ''))}`;
      return c.html(<NameField value={typed} error={error} sitesUrl={sitesUrl} />);
    }
    return c.html(<NameField value={typed} status={freeMessage(c, name)} sitesUrl={sitesUrl} />);
  })
  .post('/sites', memberPage, async (c) => {
    const { member } = requireMember(c);
    const { db, config } = c.var;
    const input = await postedInput(c);
    const typedName = input.name ?? '';
    const templateId = input.template ?? '';
    const template = findTemplate(templateId);
    const parsedName = siteNameSchema.safeParse(typedName);
    const errors: NonNullable<NewSitePageProps['errors']> = {};
    if (!template) {
      errors.template = templateId
        ? `There is no template called “${templateId}”. Choose one of: ${templateNames}.`
        : 'Choose a template.';
    }
    if (!parsedName.success) errors.name = parsedName.error.issues[0]?.message;
    const again = (status: ContentfulStatusCode, error = errors) =>
      renderNew(
        c,
        {
          template: templateId,
          name: { value: typedName, error: error.name, sitesUrl: config.sitesUrl },
          errors: error,
        },
        status,
      );
    if (!template || !parsedName.success) return again(400);

    const name = parsedName.data;
    const neighborhood = await currentNeighborhood(c);
    const settings = {
      ...defaultSettings(template.settings),
      author: memberName(member).slice(0, 80),
    };
    try {
      await createSite(
        db,
        { name, ownerDid: member.did, template: template.id, settings },
        neighborhood.siteLimit,
      );
    } catch (error) {
      if (error instanceof NameTaken) {
        return again(409, { name: takenMessage(name, await freshSuggestion(c, name)) });
      }
      if (error instanceof SiteLimitReached) {
        const owned = await listOwnerSites(db, member.did);
        return renderNew(
          c,
          {
            template: template.id,
            name: { value: typedName, sitesUrl: config.sitesUrl },
            atLimit: { count: Math.max(owned.length, error.limit), limit: error.limit },
          },
          409,
          neighborhood,
        );
      }
      throw error;
    }
    return c.redirect(`/sites/${name}`, 303);
  })
  .get('/sites/:name/settings', ownSite, (c) => {
    const site = currentSite(c);
    const template = siteTemplate(site);
    return renderSettings(c, site, template, {
      values: formValuesOf(template.settings, withDefaults(template.settings, site.settings)),
      version: site.version,
      saved: c.req.query('saved') === '1',
    });
  })
  .post('/sites/:name/settings', ownSite, async (c) => {
    const site = currentSite(c);
    const template = siteTemplate(site);
    const fields = template.settings;
    const input = await postedInput(c);
    const version = postedVersion(input);
    const parsed = parseSettingsForm(fields, input);
    if (!parsed.ok) {
      return renderSettings(
        c,
        site,
        template,
        { values: formValuesFromInput(fields, input), version, errors: parsed.errors },
        400,
      );
    }
    const yours = parsed.settings;
    const saved = (now: Site) =>
      isHtmx(c)
        ? renderSettings(c, now, template, {
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
        template,
        { values: formValuesFromInput(fields, input), version: now.version, conflict: changes },
        409,
      );
    };
    if (version !== site.version) return conflict(site);
    try {
      return saved(await saveSiteSettings(c.var.db, site.name, yours, version));
    } catch (error) {
      if (!(error instanceof SiteVersionConflict)) throw error;
      if (!error.current) throw notFound();
      return conflict(error.current);
    }
  });
