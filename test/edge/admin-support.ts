/**
 * Helpers the admin tests share: a browser (signed in or not) that opens
 * pages and sends forms with its own cookie and CSRF token, page text with
 * tags and entities removed (so tests read what a person reads), and the
 * shared admin counter, which last-admin tests set and then put back.
 */
import { adminCountKey, type Neighborhood } from '../../core/records/neighborhood';
import { getNeighborhood } from '../../edge/db/neighborhood';
import { db, get, postForm, signedOutBrowser, signIn, type SignedIn } from './support';

export interface Browser {
  cookie: string;
  csrf: string;
}

export type Who = 'signed out' | 'visitor' | 'pending' | 'member' | 'admin';

/** A new browser: signed out (with its pre-session token) or signed in as a new person. */
export async function browser(who: Who, profile = {}): Promise<Browser & Partial<SignedIn>> {
  return who === 'signed out' ? signedOutBrowser() : signIn(profile, who);
}

export const open = (b: Browser, path: string) => get(path, { cookie: b.cookie });

export const send = (b: Browser, path: string, form: Record<string, string> = {}) =>
  postForm(path, { ...form, _csrf: b.csrf }, { cookie: b.cookie });

/** A paged list's pages, from `path` on, following each "Next page" link; their HTML joined. */
export async function allPages(b: Browser, path: string): Promise<string> {
  let html = '';
  for (let next: string | undefined = path; next;) {
    const page = await (await open(b, next)).text();
    html += page;
    next = /<a href="([^"]+)" rel="next">/.exec(page)?.[1]?.replaceAll('&amp;', '&');
  }
  return html;
}

/** What a person reads on the page: no tags, entities decoded, spaces collapsed. */
export function readable(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');
}

/** The settings form's fields for `n`, as a browser would send them. */
export function settingsForm(n: Neighborhood, change: Partial<Record<string, string>> = {}) {
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(n)) form[key] = String(value);
  return { ...form, ...change } as Record<string, string>;
}

export const currentSettings = () => getNeighborhood(db);

/** Runs `body` with the admin counter set to `count`, then puts back what it was. */
export async function withAdminCount(count: number, body: () => Promise<void>) {
  const before = (await db.get<{ count: number }>(adminCountKey))?.count ?? 1;
  await db.put({ ...adminCountKey, count });
  try {
    await body();
  } finally {
    await db.put({ ...adminCountKey, count: Math.max(before, 1) });
  }
}
