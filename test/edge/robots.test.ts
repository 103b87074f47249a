/**
 * The app's robots.txt: crawlers may read the public pages (the front
 * page, the directory, profiles, the templates) and are kept out of
 * everyone's own pages, the admin pages, the site editor and its previews,
 * and the sign-in addresses. Checked by reading the rules as a crawler does
 * (the longest matching prefix wins).
 */
import { describe, expect, it } from 'vitest';
import { get } from './support';

/** Whether `rules` let a crawler fetch `path`: the longest matching Allow or Disallow decides. */
function allowed(rules: string, path: string): boolean {
  let best = { length: -1, allow: true };
  for (const line of rules.split('\n')) {
    const match = /^(Allow|Disallow):\s*(\S*)$/.exec(line.trim());
    if (!match || !match[2] || !path.startsWith(match[2])) continue;
    if (match[2].length > best.length)
      best = { length: match[2].length, allow: match[1] === 'Allow' };
  }
  return best.allow;
}

describe('GET /robots.txt', () => {
  it('lets crawlers read the public pages and keeps them out of the private ones', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('set-cookie')).toBeNull();
    const rules = await res.text();
    expect(rules).toMatch(/^User-agent: \*$/m);
    for (const path of [
      '/',
      '/members',
      '/members/alice.test',
      '/templates',
      '/templates/blog/sample/',
    ])
      expect({ path, allowed: allowed(rules, path) }).toEqual({ path, allowed: true });
    for (const path of [
      '/me',
      '/me/profile',
      '/admin',
      '/admin/members',
      '/sites',
      '/sites/bulletin/preview/',
      '/login',
      '/oauth/callback',
      '/invitations/abc',
    ])
      expect({ path, allowed: allowed(rules, path) }).toEqual({ path, allowed: false });
  });
});
