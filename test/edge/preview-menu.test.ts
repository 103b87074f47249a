/**
 * The site menu as the member arranged it in the page editors reaches the
 * preview (and so what publishing renders): pages saved through the real
 * form, previewed through the stack's real builder.
 */
import { describe, expect, it } from 'vitest';
import { createViaForm, siteOwner } from './item-support';
import { get } from './support';

const page = (title: string, slug: string, menu: Record<string, string>) => ({
  kind: 'page',
  title,
  slug,
  status: 'ready',
  ...menu,
});

describe('GET /sites/:name/preview/ (the site menu)', () => {
  it('lists the pages in the places chosen, without the one left out', async () => {
    const owner = await siteOwner();
    await createViaForm(owner, page('Contact', 'contact', {}));
    await createViaForm(owner, page('About', 'about', { menuOrder: '2' }));
    await createViaForm(owner, page('House rules', 'rules', { menuOrder: '1' }));
    await createViaForm(owner, page('Old notes', 'old-notes', { menu: 'out' }));
    const res = await get(`/sites/${owner.site.name}/preview/`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const nav = /<nav aria-label="Site">([\s\S]*?)<\/nav>/.exec(await res.text())![1]!;
    const labels = [...nav.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(labels.slice(0, 3)).toEqual(['House rules', 'About', 'Contact']);
    expect(labels).not.toContain('Old notes');
    const hidden = await get(`/sites/${owner.site.name}/preview/old-notes/`, {
      cookie: owner.cookie,
    });
    expect(hidden.status).toBe(200);
  });
});
