/**
 * Links to published sites, by name, each to its own address. Shared by
 * the profile, the directory's cards and the front page, so a site is
 * linked the same way wherever it is listed.
 */

/** A published site as a link needs it. */
export interface SiteLink {
  name: string;
  /** Its address, e.g. `https://alice.oak.example`. */
  url: string;
  /** When it was last published (ISO time), where the list shows it. */
  publishedAt?: string;
}

/** The sites as an inline list, labelled for screen readers; nothing when there are none. */
export function SiteLinks({ sites, label }: { sites: SiteLink[]; label: string }) {
  if (!sites.length) return null;
  return (
    <ul class="inline sites" aria-label={label}>
      {sites.map((s) => (
        <li>
          <a href={s.url}>{s.name}</a>
        </li>
      ))}
    </ul>
  );
}
