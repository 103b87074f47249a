/**
 * The sites' Content-Security-Policy against what the templates really emit: every template's
 * sample site, with pictures linked every way Markdown allows, rendered by the builder, each
 * page's fetches and inline styles checked against the header as sent (a small evaluator of
 * the parts of CSP the policy uses), and the same policy still refusing what a site must never
 * run: script, frames, plugins, forms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SITE_CSP } from '../../../core/site-headers';
import { templates } from '../../../templates';
import { sample as blog } from '../../../templates/blog/sample';
import { sample as newsletter } from '../../../templates/newsletter/sample';
import { sample as showcase } from '../../../templates/showcase/sample';
import { buildNotFoundPage } from '../../../scripts/build-site-function.mjs';
import {
  htmlPaths,
  item,
  renderSite,
  siteInput,
  siteUrl,
  text,
  type Site,
} from '../render-support';

const samples = { blog, newsletter, showcase };

const policy = new Map(
  SITE_CSP.split(';').map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name!, sources];
  }),
);

/** The sources a fetch directive allows, falling back to default-src as browsers do. */
function sources(directive: string): string[] {
  const fallback = directive.endsWith('-src') ? policy.get('default-src') : undefined;
  return policy.get(directive) ?? fallback ?? ['*'];
}

/** Whether `directive` lets a page at `page` reach `address`. */
function allows(directive: string, address: string, page: string): boolean {
  const url = new URL(address, page);
  return sources(directive).some((source) => {
    if (source === "'none'") return false;
    if (source === "'self'") return url.origin === new URL(page).origin;
    if (/^[a-z]+:$/.test(source)) {
      // CSP 3: `http:` also matches https.
      return url.protocol === source || (source === 'http:' && url.protocol === 'https:');
    }
    if (source === "'unsafe-inline'") return false;
    throw new Error(`The evaluator does not know the source ${source}`);
  });
}

const inlineStyleAllowed = () => sources('style-src').includes("'unsafe-inline'");

/** What a page asks the browser to do that the policy governs, each with whether it may. */
function refused(html: string, page: string): string[] {
  const found: string[] = [];
  const check = (what: string, directive: string, address: string) => {
    if (!allows(directive, address, page)) found.push(`${what} ${address}`);
  };
  for (const [tag, name] of html.matchAll(/<([a-z]+)\b[^>]*>/gi)) {
    const attr = (a: string) => new RegExp(`\\s${a}="([^"]*)"`).exec(tag)?.[1];
    const element = name!.toLowerCase();
    if (/\son[a-z]+=/i.test(tag.replace(/"[^"]*"/g, '""'))) found.push(`handler ${tag}`);
    if (attr('style') !== undefined && !inlineStyleAllowed()) found.push(`style attribute ${tag}`);
    if (element === 'script') found.push('script');
    if (element === 'style' && !inlineStyleAllowed()) found.push('style element');
    if (element === 'img') check('picture', 'img-src', attr('src') ?? '');
    if (element === 'link') {
      const rel = attr('rel') ?? '';
      if (rel === 'stylesheet') check('stylesheet', 'style-src', attr('href') ?? '');
      else if (/icon/.test(rel)) check('icon', 'img-src', attr('href') ?? '');
      else if (!/^(alternate|canonical)$/.test(rel)) check(`link ${rel}`, 'default-src', '');
    }
    if (/^(iframe|frame|object|embed)$/.test(element)) found.push(element);
    if (element === 'form') found.push('form');
    if (element === 'base') found.push('base');
  }
  return found;
}

const pictures = item({
  title: 'Pictures every way',
  body: '![Over https](https://pics.example/a.png) ![Over http](http://pics.example/b.png) ![Here](/c.png)',
});

describe.each(templates.map((t) => t.id))('the sites’ CSP and the %s template', (id) => {
  let site: Site;
  beforeAll(async () => {
    site = await renderSite(
      siteInput(id, samples[id].settings, [...samples[id].items, { ...pictures, number: 99 }]),
    );
  });

  it('allows everything every page of the sample asks for', () => {
    const pages = htmlPaths(site);
    expect(pages.length).toBeGreaterThan(3);
    for (const path of pages) {
      const html = text(site, path);
      expect(refused(html, `${siteUrl}/${path}`), path).toEqual([]);
    }
    const all = pages.map((p) => text(site, p)).join('');
    // What was checked: the inlined stylesheet and the three kinds of picture.
    expect(all).toContain('<style>');
    for (const src of ['https://pics.example/a.png', 'http://pics.example/b.png', 'c.png']) {
      expect(all).toMatch(new RegExp(`src="[^"]*${src.replaceAll('.', '\\.')}"`));
    }
  });
});

describe('the sites’ CSP', () => {
  it('covers the neighborhood’s own not-found page', async () => {
    const page = await buildNotFoundPage('https://oak.example/');
    expect(refused(page, `${siteUrl}/gone/`)).toEqual([]);
  });

  it('refuses script, stylesheets, frames, plugins, forms and a base address', () => {
    const page = `${siteUrl}/`;
    const hostile =
      '<script src="/x.js"></script><link rel="stylesheet" href="/s.css">' +
      '<iframe src="/f"></iframe><object data="/o"></object><form action="/f"></form><base href="/">';
    expect(refused(hostile, page)).toEqual([
      'script',
      'stylesheet /s.css',
      'iframe',
      'object',
      'form',
      'base',
    ]);
    for (const directive of ['script-src', 'frame-src', 'object-src', 'connect-src', 'font-src']) {
      expect(allows(directive, '/x', page), directive).toBe(false);
    }
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });
});
