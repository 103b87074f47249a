/**
 * "Your sites": each of the member's sites by its title, with its template and its
 * address under it (a link once it is published), with links to edit it, its settings and
 * its preview (after a deletion, first a word naming the site that went);
 * then "Make a new site", or a plain word that the
 * neighborhood's limit is reached.
 */
import { findTemplate } from '../../../templates';
import { canMakeSite } from '../../../core/records/sites';

export interface SiteSummary {
  name: string;
  /** What the owner calls it (`core/site-title.ts`). */
  title: string;
  template: string;
  /** Where it lives once published, e.g. `https://alice.oak.example`. */
  url: string;
  /** Whether visitors get it now. */
  published: boolean;
}

export interface SitesPageProps {
  sites: SiteSummary[];
  /** How many sites each member may have. */
  limit: number;
  /** The site the member just deleted, to say so. */
  deleted?: string;
}

/** Whether a member with `count` sites may make another. */
/** Why there is no "Make a new site": the limit, in words. */
export function LimitNote({ count, limit }: { count: number; limit: number }) {
  if (limit === 0) {
    return <p class="notice">This neighborhood does not offer sites at the moment.</p>;
  }
  return (
    <p class="notice">
      You have {count} of {limit} {limit === 1 ? 'site' : 'sites'}, the most this neighborhood
      allows, so you cannot make another. An admin can raise the limit.
    </p>
  );
}

export function SitesPage({ sites, limit, deleted }: SitesPageProps) {
  return (
    <>
      <h1>Your sites</h1>
      {deleted && (
        <p class="notice" role="status">
          Your site “{deleted}” is deleted, with everything in it. Its name is free again.
        </p>
      )}
      {sites.length === 0 && (
        <p>
          You have no site yet. A site is your own small website: a blog, a project showcase or a
          newsletter archive, published at your own address.
        </p>
      )}
      <ul class="plain sites">
        {sites.map((site) => (
          <li class="card">
            <h2>
              <a href={`/sites/${site.name}`}>{site.title}</a>
            </h2>
            <p>
              {findTemplate(site.template)?.name ?? site.template}
              {site.published ? (
                <>
                  , live at <a href={site.url}>{site.url}</a>
                </>
              ) : (
                <>
                  , to be published at <span class="address">{site.url}</span>
                </>
              )}
            </p>
            <ul class="inline" aria-label={`${site.name}: actions`}>
              <li>
                <a href={`/sites/${site.name}`}>Edit</a>
              </li>
              <li>
                <a href={`/sites/${site.name}/settings`}>Settings</a>
              </li>
              <li>
                <a href={`/sites/${site.name}/preview/`}>Preview</a>
              </li>
            </ul>
          </li>
        ))}
      </ul>
      {canMakeSite(sites.length, limit) ? (
        <p>
          <a href="/sites/new" class="button">
            Make a new site
          </a>{' '}
          or first <a href="/templates">look at the templates</a>.
        </p>
      ) : (
        <LimitNote count={sites.length} limit={limit} />
      )}
    </>
  );
}
