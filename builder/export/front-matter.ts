/**
 * An item as a Markdown file with YAML front matter, the form most static
 * site generators (Eleventy, Hugo, Jekyll, Astro) read, so an exported site
 * can be rebuilt elsewhere. Every string is written as a double-quoted YAML
 * scalar with JSON's escapes (JSON is a subset of YAML 1.2), so a title with
 * a colon, a quote, a `#` or a leading `-` reads back exactly as written;
 * the few characters YAML would still fold or refuse inside quotes are
 * escaped too. The date stays a bare `YYYY-MM-DD`, which every reader takes
 * as a date.
 */
import type { SiteItem } from '../../core/records/sites';

/** Characters a quoted YAML scalar must not hold raw: controls, line and paragraph separators, BOM. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_QUOTES = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

/** `text` as a double-quoted YAML scalar that any YAML 1.2 reader turns back into `text`. */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(
    UNSAFE_IN_QUOTES,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The front matter's lines for `item`: what it always has, then the fields it uses. */
function frontMatterLines(item: SiteItem): string[] {
  const lines = [
    `title: ${yamlString(item.title)}`,
    `slug: ${yamlString(item.slug)}`,
    `date: ${item.date}`,
    `tags: [${item.tags.map(yamlString).join(', ')}]`,
    `status: ${item.status}`,
  ];
  if (item.summary) lines.push(`summary: ${yamlString(item.summary)}`);
  if (item.number !== undefined) lines.push(`number: ${item.number}`);
  if (item.link) lines.push(`link: ${yamlString(item.link)}`);
  if (item.imageUrl) lines.push(`imageUrl: ${yamlString(item.imageUrl)}`);
  if (item.imageAlt) lines.push(`imageAlt: ${yamlString(item.imageAlt)}`);
  // A page's place in the site menu; a page in the menu without a place has neither line.
  if (item.inMenu === false) lines.push('inMenu: false');
  if (item.menuOrder !== undefined) lines.push(`menuOrder: ${item.menuOrder}`);
  lines.push(`updated: ${yamlString(item.updatedAt)}`);
  return lines;
}

/** The item as a Markdown file: front matter between `---` lines, a blank line, then its text. */
export function itemMarkdown(item: SiteItem): string {
  const body = item.body.endsWith('\n') || item.body === '' ? item.body : `${item.body}\n`;
  return `---\n${frontMatterLines(item).join('\n')}\n---\n\n${body}`;
}
