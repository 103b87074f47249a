/**
 * A member's own links, rendered safely: only http and https addresses become
 * links (anything else is left out, whatever is stored), each marked
 * `nofollow ugc noopener` and followed by its site's name, so a neighbor sees
 * where a link goes before they press it.
 */
import type { ProfileLink } from '../../core/records/members';

/** The address to put in `href`, or `undefined` if it is not an http(s) web address. */
export function safeHref(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function ProfileLinks({ links }: { links: ProfileLink[] }) {
  const safe = links
    .slice(0, 5)
    .map((link) => ({ label: link.label, url: safeHref(link.url) }))
    .filter((link): link is { label: string; url: URL } => link.url !== undefined);
  if (!safe.length) return null;
  return (
    <ul class="links" aria-label="Links">
      {safe.map((link) => (
        <li>
          <a href={link.url.href} rel="nofollow ugc noopener">
            {link.label}
          </a>{' '}
          <span class="hint">({link.url.hostname})</span>
        </li>
      ))}
    </ul>
  );
}
