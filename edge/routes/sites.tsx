/**
 * A member's sites (`/sites`): the list of one's own, and making a new one
 * (a template and a name, claimed by a conditional write under the
 * neighborhood's limit). Each site's own pages are the `site/` sub-app's.
 * Everything works with plain forms and 303 redirects; with htmx the name
 * is checked as it is typed. A claim the storage did not take comes back
 * with the name and template as chosen.
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { nameCandidates, siteNameSchema } from '../../core/forms/site-name';
import { sitePath } from '../../core/paths';
import { memberName } from '../../core/records/members';
import type { Neighborhood } from '../../core/records/neighborhood';
import { canMakeSite, type Site } from '../../core/records/sites';
import { desiredPointer } from '../../core/records/deploys';
import { isSiteName, siteUrl } from '../../core/site-address';
import { findTemplate, templates } from '../../templates';
import { defaultSettings } from '../../templates/settings';
import { siteTitle } from '../../core/site-title';
import { SitesPage } from '../../views/pages/sites/list';
import { NameField, NewSitePage, type NewSitePageProps } from '../../views/pages/sites/new';
import type { AppContext, MemberEnv } from '../context';
import {
  createSite,
  firstFreeName,
  getSite,
  listOwnerSites,
  NameTaken,
  SiteLimitReached,
} from '../db/sites';
import { membersOnly } from '../middleware/access';
import { answerNotSaved } from '../not-saved';
import { currentNeighborhood, renderPage } from '../render';
import { postedInput } from '../validate';

const templateNames = templates.map((t) => t.name).join(', ');

/** A name suggestion for when `name` is taken: the next free `name-2`, `name-3` … */
async function freshSuggestion(
  c: AppContext<MemberEnv>,
  name: string,
): Promise<string | undefined> {
  const candidates = nameCandidates(name.replace(/-\d+$/, '')).filter((n) => n !== name);
  return firstFreeName(c.get('db'), candidates);
}

/**
 * Why `name` could not be claimed. "Just" only when the holder's site was
 * made no earlier than the form was loaded (`loadedAt`, sent back by the
 * form): the name was free when the person chose it. A long-held name, a
 * name held after an account's deletion, or a form that does not say when
 * it was loaded, is simply taken.
 */
function takenMessage(
  name: string,
  holder: Site | undefined,
  loadedAt: string,
  suggestion?: string,
) {
  const loaded = Date.parse(loadedAt);
  const justNow =
    holder !== undefined && !Number.isNaN(loaded) && Date.parse(holder.createdAt) >= loaded;
  const taken = justNow ? `Someone has just taken “${name}”.` : `“${name}” is taken.`;
  return `${taken}${suggestion ? ` “${suggestion}” is free.` : ' Try another name.'}`;
}

const freeMessage = (c: AppContext<MemberEnv>, name: string) =>
  `“${name}” is free: your site will be at ${siteUrl(c.get('config').sitesUrl, name)}`;

function renderNew(
  c: AppContext<MemberEnv>,
  props: Omit<NewSitePageProps, 'csrfToken' | 'loadedAt'>,
  status: ContentfulStatusCode = 200,
  /** Already read by the handler; saves a read. */
  neighborhood?: Neighborhood,
) {
  return renderPage(
    c,
    { title: 'Make a new site', status, htmx: !props.atLimit, neighborhood },
    <NewSitePage {...props} loadedAt={new Date().toISOString()} csrfToken={c.get('csrfToken')} />,
  );
}

export const sites = new Hono<MemberEnv>()
  .use(membersOnly)
  .get('/', async (c) => {
    const member = c.get('member');
    const [neighborhood, owned] = await Promise.all([
      currentNeighborhood(c),
      listOwnerSites(c.get('db'), member.did),
    ]);
    // Only a name that is a site name and no longer theirs: the link cannot make up news.
    const gone = c.req.query('deleted') ?? '';
    const deleted = isSiteName(gone) && !owned.some((s) => s.name === gone) ? gone : undefined;
    const summaries = owned.map((site) => ({
      name: site.name,
      title: siteTitle(site),
      template: site.template,
      url: siteUrl(c.get('config').sitesUrl, site.name),
      published: desiredPointer(site) !== undefined,
    }));
    return renderPage(
      c,
      { title: 'Your sites', neighborhood },
      <SitesPage sites={summaries} limit={neighborhood.siteLimit} deleted={deleted} />,
    );
  })
  .get('/new', async (c) => {
    const member = c.get('member');
    const db = c.get('db');
    const [neighborhood, owned] = await Promise.all([
      currentNeighborhood(c),
      listOwnerSites(db, member.did),
    ]);
    const sitesUrl = c.get('config').sitesUrl;
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
  .post('/new/check', async (c) => {
    const member = c.get('member');
    const typed = (await postedInput(c)).name ?? '';
    const sitesUrl = c.get('config').sitesUrl;
    const parsed = siteNameSchema.safeParse(typed);
    if (!parsed.success) {
      return c.html(
        <NameField value={typed} error={parsed.error.issues[0]?.message} sitesUrl={sitesUrl} />,
      );
    }
    const name = parsed.data;
    const existing = await getSite(c.get('db'), name);
    // No site, yet not free: a deleted account's name, still held.
    const held = !existing && !(await firstFreeName(c.get('db'), [name]));
    if (existing || held) {
      const error =
        existing?.ownerDid === member.did
          ? `You already have a site called “${name}”.`
          : `“${name}” is taken.${await freshSuggestion(c, name).then((s) => (s ? ` “${s}” is free.` : ''))}`;
      return c.html(<NameField value={typed} error={error} sitesUrl={sitesUrl} />);
    }
    return c.html(<NameField value={typed} status={freeMessage(c, name)} sitesUrl={sitesUrl} />);
  })
  .post('/', async (c) => {
    const member = c.get('member');
    const db = c.get('db');
    const config = c.get('config');
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
        const [holder, suggestion] = await Promise.all([
          getSite(db, name),
          freshSuggestion(c, name),
        ]);
        if (holder?.ownerDid === member.did)
          return again(409, { name: `You already have a site called “${name}”.` });
        return again(409, { name: takenMessage(name, holder, input.loadedAt ?? '', suggestion) });
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
      return answerNotSaved(error, `new site ${name}`, (notice, status) =>
        again(status, { form: notice.text }),
      );
    }
    return c.redirect(sitePath(name), 303);
  });
