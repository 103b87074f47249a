/**
 * The README.txt at the top of an export: what each folder holds and how
 * to use it somewhere else, in plain words for a neighbor, not a developer.
 */
import type { SiteSource } from './source';

export interface ReadmeFacts {
  source: SiteSource;
  /** The site's address. */
  url: string;
  /** How many live files are in `site/`; undefined when the site was never published. */
  liveFiles?: number;
}

export function readmeText({ source: { site, items }, url, liveFiles }: ReadmeFacts): string {
  const entries = items.filter((i) => i.kind === 'entry').length;
  const pages = items.length - entries;
  const drafts = items.filter((i) => i.status === 'draft').length;
  const live =
    liveFiles === undefined
      ? [
          'site/',
          '  Not included: this site is not published right now, so there are no',
          '  published files to give you. Publish it and export again to get them.',
        ]
      : [
          'site/',
          `  Your published site as visitors get it at ${url}:`,
          `  ${liveFiles} files. Copy this folder to any web host that serves plain`,
          '  files (it needs nothing else) and your site works there as it does here.',
          '  Open site/index.html in a browser to look through it on your computer.',
        ];
  return [
    `Everything of "${site.name}" (${url})`,
    '',
    ...live,
    '',
    'source/',
    `  What you wrote: ${entries} entries and ${pages} pages (${drafts} of them drafts;`,
    '  the trash is left out).',
    '  source/entries/<address>.md and source/pages/<address>.md: each one as',
    '  Markdown, with its title, date, tags, status and other details at the top',
    '  between --- lines (YAML front matter). Most site builders, such as',
    '  Eleventy, Hugo, Jekyll or Astro, read these files as they are.',
    `  source/settings.json: the template ("${site.template}") and your settings.`,
    '',
  ].join('\r\n');
}
