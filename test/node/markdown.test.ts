/**
 * Markdown as the templates show it: raw HTML shown as text, only safe
 * link schemes, alt text, links rewritten for the page or the feed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesWithoutAlt, isSafeUrl, plainText, renderMarkdown } from '../../builder/markdown';
import { templatesDir } from '../../builder/template-files';
import { hostileMarkdown, links, scriptInHtml } from './render-support';

describe('renderMarkdown', () => {
  it('shows raw HTML as text instead of running it', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<iframe src="x"></iframe> <b>hi</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;iframe src=');
    expect(html).toContain('&lt;b&gt;hi&lt;/b&gt;');
  });

  it('refuses script and data addresses however they are disguised', () => {
    const html = renderMarkdown(hostileMarkdown);
    expect(scriptInHtml(html)).toEqual([]);
    // Refused links stay as the text the author wrote.
    expect(html).toContain('[plain](javascript:alert(1))');
    // Only the plain web address inside the escaped <iframe> text becomes a link.
    expect(links(html)).toEqual(['https://evil.example/']);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:x',
    'data:text/html,x',
    'file:///etc/passwd',
    'ftp://example.org/',
  ])('refuses the address %j', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });

  it.each([
    'https://example.org/a?b=c#d',
    'http://example.org/',
    'mailto:maya@example.org',
    '/about/',
    '../posts/hello/',
    'notes.html',
    '#top',
    '//example.org/',
  ])('allows the address %j', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });

  it('keeps ordinary links and images', () => {
    const html = renderMarkdown(
      '[site](https://example.org/) [mail](mailto:a@example.org) ![A red door](https://example.org/door.jpg)',
    );
    expect(links(html)).toEqual([
      'https://example.org/',
      'mailto:a@example.org',
      'https://example.org/door.jpg',
    ]);
    expect(html).toContain('alt="A red door"');
  });

  it('gives an image without alt text an empty alt, and names it for a warning', () => {
    const source =
      'Look: ![](https://example.org/a.jpg) and ![Our bench](https://example.org/b.jpg)';
    expect(renderMarkdown(source)).toContain('<img src="https://example.org/a.jpg" alt=""');
    expect(imagesWithoutAlt(source)).toEqual(['https://example.org/a.jpg']);
  });

  it('makes links from the site’s root relative to the page showing them', () => {
    const html = renderMarkdown('[about](/about/) [post](../other/) [out](https://example.org/)', {
      pageUrl: '/posts/hello/',
    });
    expect(links(html)).toEqual(['../../about/', '../other/', 'https://example.org/']);
  });

  it('makes every link absolute for a feed', () => {
    const html = renderMarkdown('[about](/about/) [post](../other/) ![x](pic.jpg) [top](#top)', {
      base: 'https://maya.oak.example/posts/hello/',
    });
    expect(links(html)).toEqual([
      'https://maya.oak.example/about/',
      'https://maya.oak.example/posts/other/',
      'https://maya.oak.example/posts/hello/pic.jpg',
      'https://maya.oak.example/posts/hello/#top',
    ]);
  });

  it('starts headings at level 2, below the page’s title, and keeps the levels under it', () => {
    expect(renderMarkdown('# One\n\n## Two\n\n### Three\n\n###### Six')).toBe(
      '<h2>One</h2>\n<h2>Two</h2>\n<h3>Three</h3>\n<h6>Six</h6>\n',
    );
  });
});

describe('plainText', () => {
  it('gives the words without markup, cut at a word', () => {
    expect(plainText('# Hi\n\nSome *bold* [link](https://x.example/) `code`.', 100)).toBe(
      'Hi Some bold link code.',
    );
    expect(plainText('one two three four five six', 14)).toBe('one two three…');
  });
});

describe('the Nunjucks templates', () => {
  it('mark only rendered Markdown, pictures and the site’s stylesheet as safe HTML', () => {
    const files = readdirSync(templatesDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.njk'),
    );
    expect(files.length).toBeGreaterThan(10);
    const marked = files.flatMap((file) =>
      [
        ...readFileSync(join(templatesDir, file), 'utf8').matchAll(
          /\{\{([^}]*\|\s*safe[^}]*)\}\}/g,
        ),
      ].map((m) => ({ file, expr: m[1]!.trim() })),
    );
    expect(marked).toContainEqual({
      file: expect.stringContaining('base.njk'),
      expr: 'theme.css | safe',
    });
    const unsafe = marked
      .filter(
        ({ expr }) =>
          !/^\S+ \| (?:markdown|picture\([^)]*\)) \| safe$/.test(expr) &&
          expr !== 'theme.css | safe',
      )
      .map(({ file, expr }) => `${file}: ${expr}`);
    expect(unsafe).toEqual([]);
  });
});
