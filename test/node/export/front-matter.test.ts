/**
 * Items as Markdown with YAML front matter, read back with gray-matter (the
 * front-matter reader Eleventy itself uses): every field comes back as
 * written, however awkward the text.
 */
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { itemMarkdown } from '../../../builder/export/front-matter';
import type { SiteItem } from '../../../core/records/sites';
import { itemContent } from '../../support/item-content';

const item = (over: Partial<SiteItem> = {}): SiteItem => ({
  ...itemContent(),
  id: 'item1',
  site: 'bees',
  createdAt: '2026-05-01T10:00:00.000Z',
  updatedAt: '2026-05-02T11:30:00.000Z',
  version: 3,
  ...over,
});

const awkward = [
  'Bees: a "guide" for #beginners',
  "It's - what it is",
  '- starts like a list',
  '---',
  'yes',
  'null',
  '0x1F',
  '2026-05-17',
  '& anchors * aliases ! tags % and @ and `ticks`',
  'back\\slash and "both" \'quotes\'',
  'tab\there',
  'line\u2028separator and \u0085 next line',
  'Ünïcode “curly” 蜂 🐝',
  '{ not: a map }',
  '[not, a list]',
  ' leading and trailing spaces ',
];

describe('an item as Markdown', () => {
  it.each(awkward)('reads back the title and summary %j exactly', (text) => {
    const parsed = matter(itemMarkdown(item({ title: text, summary: `${text}\nsecond line` })));
    expect(parsed.data.title).toBe(text);
    expect(parsed.data.summary).toBe(`${text}\nsecond line`);
  });

  it('escapes the characters some YAML readers fold or refuse, even inside quotes', () => {
    const text = itemMarkdown(item({ title: 'a\u2028b\u0085c\ufeffd\u0007e' }));
    expect(text).toContain('title: "a\\u2028b\\u0085c\\ufeffd\\u0007e"\n');
  });

  it('keeps every field it has, and the text after the front matter', () => {
    const project = item({
      slug: 'hive-monitor',
      date: '2026-05-17',
      tags: ['bees', 'café', 'diy'],
      status: 'draft',
      link: 'https://example.org/hive?x=1&y=2#top',
      imageUrl: 'https://example.org/hive.png',
      imageAlt: 'A hive: wooden, "painted" blue',
      number: 7,
      body: '# Hello\n\n---\n\nNot front matter: a rule.',
    });
    const parsed = matter(itemMarkdown(project));
    expect(parsed.data).toEqual({
      title: 'Untitled',
      slug: 'hive-monitor',
      date: new Date('2026-05-17T00:00:00.000Z'),
      tags: ['bees', 'café', 'diy'],
      status: 'draft',
      number: 7,
      link: 'https://example.org/hive?x=1&y=2#top',
      imageUrl: 'https://example.org/hive.png',
      imageAlt: 'A hive: wooden, "painted" blue',
      updated: '2026-05-02T11:30:00.000Z',
    });
    expect(parsed.content).toBe('\n# Hello\n\n---\n\nNot front matter: a rule.\n');
  });

  it('keeps a page’s place in the site menu, and that it is left out of it', () => {
    const page = item({ kind: 'page', inMenu: false, menuOrder: 4 });
    expect(matter(itemMarkdown(page)).data).toMatchObject({ inMenu: false, menuOrder: 4 });
    const listed = matter(itemMarkdown(item({ kind: 'page', inMenu: true }))).data;
    expect(Object.keys(listed)).not.toContain('inMenu');
    expect(Object.keys(listed)).not.toContain('menuOrder');
  });

  it('leaves out the fields an item does not use', () => {
    const parsed = matter(itemMarkdown(item()));
    expect(Object.keys(parsed.data).sort()).toEqual(
      ['date', 'slug', 'status', 'tags', 'title', 'updated'].sort(),
    );
    expect(parsed.data.tags).toEqual([]);
  });
});
