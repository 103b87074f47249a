/**
 * The template gallery: public, tiny (no pictures: each template's rendered
 * sample is one click away), naming what each template is for and what its
 * entries are, and offering members a quick start with that template.
 */
import { describe, expect, it } from 'vitest';
import { templates } from '../../templates';
import { get, signIn } from './support';

describe('GET /templates', () => {
  it('shows every template with its description, its entries and a link to its sample', async () => {
    const res = await get('/templates');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Site templates</h1>');
    for (const t of templates) {
      expect(html).toContain(`<li class="card" id="${t.id}"><h2>${t.name}</h2>`);
      expect(html).toContain(t.description);
      expect(html).toContain(`You write ${t.entry.plural}, and pages such as “About”.`);
      expect(html).toContain(`<a href="/templates/${t.id}/sample/">`);
    }
    expect(html.indexOf('Blog')).toBeLessThan(html.indexOf('Project showcase'));
  });

  it('stays tiny: no images, no scripts, under 4 KiB compressed', async () => {
    const res = await get('/templates');
    const html = await res.text();
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    const gzipped = await new Response(
      new Blob([html]).stream().pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer();
    expect(gzipped.byteLength).toBeLessThan(4 * 1024);
  });

  it('offers members a site started with each template, and nobody else', async () => {
    const member = await signIn({}, 'member');
    const html = await (await get('/templates', { cookie: member.cookie })).text();
    for (const t of templates) {
      expect(html).toContain(
        `<a href="/sites/new?template=${t.id}">Make a site with this template</a>`,
      );
    }
    const visitor = await signIn();
    for (const as of [undefined, visitor]) {
      const page = await (await get('/templates', as && { cookie: as.cookie })).text();
      expect(page).not.toContain('/sites/new');
    }
  });

  it('is not cached across people, since the menu depends on who is signed in', async () => {
    const res = await get('/templates');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toContain('Cookie');
  });
});
