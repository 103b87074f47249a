/**
 * A site's own pictures (`picture:<id>`) rendered by real Eleventy: the
 * exact responsive markup on a page, URLs relative to each page (so the
 * preview and the live site both find `/_pictures/`), a plain `<img>` at
 * an absolute address in feeds, nothing broken for a picture the site
 * does not have, and the showcase's project picture. One rendered page is
 * checked by the Nu Html Checker.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isSafeUrl } from '../../builder/markdown';
import { renderKey } from '../../builder/preview';
import { pictureIdOf } from '../../core/pictures';
import { PICTURE_REF } from '../../templates/content';
import { render, RenderInputError, type RenderPicture } from '../../builder/render';
import { sample as blog } from '../../templates/blog/sample';
import { sample as showcase } from '../../templates/showcase/sample';
import { htmlErrors } from '../e2e/validators';
import { item, parseXml, renderSite, siteInput, siteUrl, text, type Site } from './render-support';

const key = '3f9a1c2b4d5e6f70';
const sungold: RenderPicture = {
  id: 'sungold',
  description: 'A ripe Sungold tomato on the vine',
  key,
  width: 1200,
  height: 900,
  widths: [480, 960, 1200],
  fallback: 'jpeg',
};
/** A small logo with transparency: narrower than 960, so its own width is its fallback. */
const logo: RenderPicture = {
  id: 'logo',
  description: '',
  key: '00000000000000aa',
  width: 600,
  height: 200,
  widths: [480, 600],
  fallback: 'png',
};

const sizes = '(max-width: 44rem) calc(100vw - 2.5rem), 41.5rem';

/** The markup `sungold` has on a page `up` folders below the site's root. */
function sungoldHtml(up: string, alt: string, lazy: boolean): string {
  const at = (w: number, ext: string) => `${up}_pictures/${key}-${w}.${ext}`;
  return (
    `<picture><source type="image/webp" srcset="${at(480, 'webp')} 480w, ${at(960, 'webp')} 960w, ${at(1200, 'webp')} 1200w" sizes="${sizes}">` +
    `<img src="${at(960, 'jpg')}" srcset="${at(480, 'jpg')} 480w, ${at(960, 'jpg')} 960w, ${at(1200, 'jpg')} 1200w" sizes="${sizes}" width="1200" height="900" alt="${alt}"${lazy ? ' loading="lazy"' : ''} decoding="async"></picture>`
  );
}

const post = item({
  title: 'Tomatoes',
  body: [
    'The first of the year:',
    '![](picture:sungold)',
    'And again, described by me:',
    '![Sungold, closer](picture:sungold)',
    '![](picture:logo)',
    'Gone: ![A picture since deleted](picture:deleted) and ![](picture:nothing-at-all).',
    'A [link to a picture](picture:sungold) is no link.',
  ].join('\n\n'),
});
const about = item({ title: 'About', kind: 'page', slug: 'about', body: '![](picture:sungold)' });

describe('render: pictures in Markdown', () => {
  let site: Site;
  let page: string;
  beforeAll(async () => {
    site = await renderSite({
      ...siteInput('blog', blog.settings, [post, about]),
      pictures: [sungold, logo],
    });
    page = text(site, 'posts/tomatoes/index.html');
  });

  it('shows the first picture of a page at once and the rest lazily, alt from the description', () => {
    expect(page).toContain(
      `<p>${sungoldHtml('../../', 'A ripe Sungold tomato on the vine', false)}</p>`,
    );
    expect(page).toContain(`<p>${sungoldHtml('../../', 'Sungold, closer', true)}</p>`);
  });

  it('offers only the widths a picture was made in, its fallback format and true size', () => {
    const at = (w: number, ext: string) => `../../_pictures/00000000000000aa-${w}.${ext}`;
    expect(page).toContain(
      `<picture><source type="image/webp" srcset="${at(480, 'webp')} 480w, ${at(600, 'webp')} 600w" sizes="${sizes}">` +
        `<img src="${at(600, 'png')}" srcset="${at(480, 'png')} 480w, ${at(600, 'png')} 600w" sizes="${sizes}" width="600" height="200" alt="" loading="lazy" decoding="async"></picture>`,
    );
    expect(page).not.toMatch(/-1600\./);
  });

  it('writes picture URLs relative to each page', () => {
    expect(text(site, 'about/index.html')).toContain(
      sungoldHtml('../', 'A ripe Sungold tomato on the vine', false),
    );
    // The preview at /sites/maya/preview/ and the live site resolve it to the same folder.
    const src = `../../_pictures/${key}-960.jpg`;
    expect(new URL(src, 'https://app.example/sites/maya/preview/posts/tomatoes/').pathname).toBe(
      `/sites/maya/preview/_pictures/${key}-960.jpg`,
    );
    expect(new URL(src, `${siteUrl}/posts/tomatoes/`).href).toBe(
      `${siteUrl}/_pictures/${key}-960.jpg`,
    );
  });

  it('shows a picture the site does not have as its words, never as a broken image', () => {
    expect(page).toContain('<p>Gone: A picture since deleted and .</p>');
    expect(page).not.toContain('picture:');
    expect(page.match(/<img /g)).toHaveLength(3);
    expect(page).toContain('<p>A <a>link to a picture</a> is no link.</p>');
    // `picture:` is an image's address only, never a safe URL of its own.
    expect(isSafeUrl('picture:sungold')).toBe(false);
  });

  it('puts a plain <img> of the 960 fallback at an absolute address in the feeds', () => {
    const feeds = [text(site, 'atom.xml'), text(site, 'feed.xml')];
    for (const xml of feeds) parseXml(xml);
    const atom = feeds[0]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(atom).toContain(
      `<img src="${siteUrl}/_pictures/${key}-960.jpg" width="960" height="720" alt="A ripe Sungold tomato on the vine">`,
    );
    expect(atom).toContain(
      `<img src="${siteUrl}/_pictures/00000000000000aa-600.png" width="600" height="200" alt="">`,
    );
    expect(atom).not.toContain('<picture');
    expect(atom).not.toContain('srcset');
  });

  it('is valid HTML to the Nu Html Checker', async () => {
    expect(await htmlErrors(new Map([['post with pictures', page]]))).toEqual([]);
  }, 120_000);

  it('shows every reference as words when the site has no pictures at all', async () => {
    const bare = await renderSite(siteInput('blog', blog.settings, [post]));
    const html = text(bare, 'posts/tomatoes/index.html');
    expect(html).not.toMatch(/<img|<picture/);
    expect(html).toContain('<p>Gone: A picture since deleted and .</p>');
  });

  it('leaves out a picture whose record does not describe processed files', async () => {
    const broken = { ...sungold, key: '../../etc' };
    const html = text(
      await renderSite({ ...siteInput('blog', blog.settings, [post]), pictures: [broken] }),
      'posts/tomatoes/index.html',
    );
    expect(html).not.toMatch(/<img|etc/);
  });

  it('renders again, with a new preview key, when a picture changes', () => {
    const input = { ...siteInput('blog', blog.settings, [post]), pictures: [sungold] };
    const described = { ...input, pictures: [{ ...sungold, description: 'Another words' }] };
    expect(renderKey(described)).not.toBe(renderKey(input));
    expect(renderKey({ ...input, pictures: [{ ...sungold }] })).toBe(renderKey(input));
  });
});

describe('render: a project’s picture', () => {
  const project = (fields: { imageUrl: string; imageAlt?: string }) =>
    item({ title: 'Bird boxes', slug: 'bird-boxes', tags: ['woodwork'], ...fields });

  it('shows one of the site’s pictures responsively, alt from its description', async () => {
    const site = await renderSite({
      ...siteInput('showcase', showcase.settings, [project({ imageUrl: 'picture:sungold' })]),
      pictures: [sungold],
    });
    const page = text(site, 'projects/bird-boxes/index.html');
    expect(page).toContain(
      `<figure>${sungoldHtml('../../', 'A ripe Sungold tomato on the vine', false)}</figure>`,
    );
    expect(page).toContain(
      `<meta property="og:image" content="${siteUrl}/_pictures/${key}-960.jpg">`,
    );
    // On the front page's cards: half the column once two fit side by side, relative to the root.
    const card = '(max-width: 34rem) calc(100vw - 2.5rem), 20.25rem';
    expect(text(site, 'index.html')).toContain(
      `<li class="card">\n` +
        `<picture><source type="image/webp" srcset="_pictures/${key}-480.webp 480w, _pictures/${key}-960.webp 960w, _pictures/${key}-1200.webp 1200w" sizes="${card}">` +
        `<img src="_pictures/${key}-960.jpg" srcset="_pictures/${key}-480.jpg 480w, _pictures/${key}-960.jpg 960w, _pictures/${key}-1200.jpg 1200w" sizes="${card}" width="1200" height="900" alt="A ripe Sungold tomato on the vine" decoding="async"></picture>`,
    );
  });

  it('takes the writer’s alt text over the description', async () => {
    const site = await renderSite({
      ...siteInput('showcase', showcase.settings, [
        project({ imageUrl: 'picture:sungold', imageAlt: 'Boxes on a bench' }),
      ]),
      pictures: [sungold],
    });
    expect(text(site, 'projects/bird-boxes/index.html')).toContain('alt="Boxes on a bench"');
  });

  it('leaves out a picture the site no longer has, figure and all', async () => {
    const site = await renderSite(
      siteInput('showcase', showcase.settings, [project({ imageUrl: 'picture:sungold' })]),
    );
    const page = text(site, 'projects/bird-boxes/index.html');
    expect(page).not.toMatch(/<figure|<img|<picture|og:image" content="picture/);
    expect(text(site, 'index.html')).not.toMatch(/<img|picture:/);
  });

  it('refuses a picture reference that is not one, naming the way to write it', async () => {
    const error = await render(
      siteInput('showcase', showcase.settings, [project({ imageUrl: 'picture:Sun_Gold' })]),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderInputError);
    expect((error as RenderInputError).problems).toEqual([
      'Project “Bird boxes”, picture: A picture of the site is written like picture:sungold, in lower-case letters, digits and hyphens.',
    ]);
  });
});

describe('the project form’s picture reference', () => {
  it('takes exactly what core/pictures.ts takes as a reference', () => {
    const candidates = [
      'picture:sungold',
      'picture:a',
      'picture:img-2041-2',
      `picture:${'a'.repeat(60)}`,
      `picture:${'a'.repeat(61)}`,
      'picture:-a',
      'picture:a-',
      'picture:Sungold',
      'picture:sun_gold',
      'picture:',
      'pictures:a',
      'picture:a/b',
    ];
    for (const ref of candidates) {
      expect(PICTURE_REF.test(ref), ref).toBe(pictureIdOf(ref) !== undefined);
    }
  });
});
