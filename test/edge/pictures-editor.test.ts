/**
 * The site's pictures in the item editor: the panel beside the text with
 * each picture's short text to copy, and a project's picture field, which
 * offers the site's pictures and saves one as `picture:<id>`.
 */
import { describe, expect, it } from 'vitest';
import { escaped, siteOwner, createViaForm } from './item-support';
import { storedPicture } from './picture-support';
import { get } from './support';

describe('pictures in the editor', () => {
  it('lists the site’s pictures with the text that puts each in a post', async () => {
    const owner = await siteOwner('blog');
    const p = await storedPicture(owner.site.name, {
      id: 'sungold',
      description: 'A ripe Sungold',
    });
    const res = await get(`/sites/${owner.site.name}/items/new?kind=entry`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Pictures of this site (1)');
    expect(html).toContain(
      escaped('value="![A ripe Sungold](picture:sungold)"').replace(/&quot;/g, '"'),
    );
    expect(html).toContain(`/sites/${owner.site.name}/pictures/files/${p.key}-480.webp`);
  });

  it('says where to add pictures when the site has none', async () => {
    const owner = await siteOwner('blog');
    const html = await (
      await get(`/sites/${owner.site.name}/items/new?kind=entry`, { cookie: owner.cookie })
    ).text();
    expect(html).toContain('Pictures of this site (0)');
    expect(html).toContain(`<a href="/sites/${owner.site.name}/pictures">Add pictures</a>`);
  });

  it('offers the site’s pictures for a project’s picture and saves the choice', async () => {
    const owner = await siteOwner('showcase');
    await storedPicture(owner.site.name, { id: 'bench', description: 'The new bench' });
    const html = await (
      await get(`/sites/${owner.site.name}/items/new?kind=entry`, { cookie: owner.cookie })
    ).text();
    expect(html).toContain('list="imageUrl-pictures"');
    expect(html).toContain('<option value="picture:bench">The new bench</option>');
    expect(html).toContain('This site has picture:bench.');
    const item = await createViaForm(owner, { imageUrl: 'picture:bench', imageAlt: '' });
    expect(item.imageUrl).toBe('picture:bench');
  });
});
