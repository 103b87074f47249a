/**
 * The template gallery: public, small (a little still picture of each
 * template's sample, loaded lazily; the rendered sample is one click away),
 * naming what each template is for and what its entries are, and offering
 * members a quick start with that template.
 */
import { describe, expect, it } from 'vitest';
import { templates } from '../../templates';
import { bindings, get, ORIGIN, signIn } from './support';

/** A static asset, as the Worker's assets serve it. */
const asset = (path: string) => bindings.ASSETS.fetch(`${ORIGIN}${path}`);

const gzipped = async (text: string) =>
  (
    await new Response(
      new Blob([text]).stream().pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer()
  ).byteLength;

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

  it('shows a small picture of each template’s sample, lazily loaded, with words for it', async () => {
    const html = await (await get('/templates')).text();
    for (const t of templates) {
      const card = new RegExp(`<li class="card" id="${t.id}">[\\s\\S]*?</li>`).exec(html)![0];
      const img = /<img [^>]*>/.exec(card)?.[0];
      expect(img, t.id).toBeDefined();
      expect(img).toContain('loading="lazy"');
      expect(img).toMatch(/ width="\d+" height="\d+"/);
      expect(img).toContain(`alt="The front page of the sample ${t.name.toLowerCase()}"`);
      const src = / src="([^"]+)"/.exec(img!)![1]!;
      const picture = await asset(src);
      expect(picture.status, src).toBe(200);
      expect(picture.headers.get('content-type')).toBe('image/jpeg');
      const bytes = new Uint8Array(await picture.arrayBuffer());
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
      expect(bytes.byteLength).toBeLessThan(16 * 1024);
    }
  });

  it('keeps to the page budget: no scripts, HTML under 8 KiB and HTML with CSS under 14 KiB compressed', async () => {
    const html = await (await get('/templates')).text();
    expect(html).not.toContain('<script');
    const css = /<link rel="stylesheet" href="([^"]+)"/.exec(html)![1]!;
    const stylesheet = await (await asset(css)).text();
    expect(stylesheet).toContain('.template-picture');
    const page = await gzipped(html);
    expect(page).toBeLessThan(8 * 1024);
    expect(page + (await gzipped(stylesheet))).toBeLessThan(14 * 1024);
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
