/**
 * A site's own page in the editor: its template, its publishing (where it
 * lives, the latest deploy, Publish), links to its settings and preview, its entries (named as
 * the template names them: posts, projects, issues) and pages with their
 * status and date, and the way to the trash.
 */
import type { Site, ItemSummary, SiteContents } from '../../../core/records/sites';
import type { TemplateDefinition } from '../../../templates/template';
import { longDate } from '../../dates';
import { siteTitle } from '../../../core/site-title';
import { PublishPanel, type PublishingState } from '../../components/publish-panel';
import {
  itemPath,
  newItemPath,
  settingsPath,
  sitePreviewPath,
  trashPath,
  picturesPath,
} from '../../../core/paths';

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function ItemList({ site, items, empty }: { site: string; items: ItemSummary[]; empty: string }) {
  if (!items.length) return <p class="hint">{empty}</p>;
  return (
    <ul class="plain item-list">
      {items.map((item) => (
        <li>
          <a href={itemPath(site, item.id)}>{item.title}</a>{' '}
          <span class={`badge ${item.status}`}>{item.status === 'ready' ? 'Ready' : 'Draft'}</span>{' '}
          <span class="hint">
            {item.number !== undefined && `No. ${item.number} · `}
            <time datetime={item.date}>{longDate(item.date)}</time>
          </span>
        </li>
      ))}
    </ul>
  );
}

export interface DashboardProps {
  site: Site;
  template: TemplateDefinition;
  /** Where it will be published, e.g. `https://alice.oak.example`. */
  url: string;
  contents: SiteContents;
  /** Set right after an item was moved to the trash. */
  trashed?: boolean;
  publishing: PublishingState;
}

export function DashboardPage(props: DashboardProps) {
  const { site, template, url, contents, trashed } = props;
  const { entry } = template;
  return (
    <>
      <p class="crumbs">
        <a href="/sites">← Your sites</a>
      </p>
      <h1>{siteTitle(site)}</h1>
      {trashed && (
        <p class="notice" role="status">
          Moved to the trash. You can restore it from the <a href={trashPath(site.name)}>trash</a>{' '}
          for 30 days.
        </p>
      )}
      <PublishPanel site={site} templateName={template.name} url={url} state={props.publishing} />
      <ul class="inline site-tools">
        <li>
          <a href={sitePreviewPath(site.name)}>Preview the site</a>
        </li>
        <li>
          <a href={picturesPath(site.name)}>Pictures</a>
        </li>
        <li>
          <a href={settingsPath(site.name)}>Settings</a>
        </li>
        <li>
          <a href={trashPath(site.name)}>
            Trash{contents.trash.length ? ` (${contents.trash.length})` : ''}
          </a>
        </li>
      </ul>
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">{capitalized(entry.plural)}</h2>
        <p>
          <a class="button" href={newItemPath(site.name, 'entry')}>
            New {entry.singular}
          </a>
        </p>
        <ItemList site={site.name} items={contents.entries} empty={`No ${entry.plural} yet.`} />
      </section>
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">Pages</h2>
        <p class="hint">Pages that stand on their own, such as About.</p>
        <p>
          <a class="button" href={newItemPath(site.name, 'page')}>
            New page
          </a>
        </p>
        <ItemList site={site.name} items={contents.pages} empty="No pages yet." />
      </section>
    </>
  );
}
