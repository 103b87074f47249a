/**
 * The site menu as the member arranges it, in every template: pages given a
 * place come first, lowest first; the rest follow by date; a page left out
 * of the menu is in no page's menu yet is still published at its address.
 * A page saved before the choice existed (no `inMenu`) stays in the menu.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { itemPagePath } from '../../core/paths';
import { findTemplate, templates } from '../../templates';
import { sample as blog } from '../../templates/blog/sample';
import { sample as newsletter } from '../../templates/newsletter/sample';
import { sample as showcase } from '../../templates/showcase/sample';
import { htmlPaths, item, renderSite, siteInput, text, type Site } from './render-support';

const samples = { blog, newsletter, showcase };

const pages = [
  item({ kind: 'page', title: 'About', menuOrder: 2, date: '2026-03-01' }),
  item({ kind: 'page', title: 'Contact', date: '2026-01-01' }),
  item({ kind: 'page', title: 'Old notes', inMenu: false, date: '2025-01-01' }),
  item({ kind: 'page', title: 'House rules', menuOrder: 1, date: '2026-04-01' }),
  item({ kind: 'page', title: 'Garden', inMenu: true, date: '2026-02-01' }),
];

/** The labels of a page's site menu, in order. */
function menuOf(html: string): string[] {
  const nav = /<nav aria-label="Site">([\s\S]*?)<\/nav>/.exec(html)?.[1];
  if (nav === undefined) throw new Error('the page has no site menu');
  return [...nav.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]!);
}

describe.each(templates.map((t) => t.id))('render: the site menu (%s)', (id) => {
  let site: Site;
  beforeAll(async () => {
    const entries = samples[id].items.filter((i) => i.kind === 'entry');
    site = await renderSite(siteInput(id, samples[id].settings, [...entries, ...pages]));
  });

  it('lists the placed pages first, lowest place first, then the others by date', () => {
    const menu = menuOf(text(site, 'index.html'));
    const listed = menu.filter((label) => pages.some((p) => p.title === label));
    expect(listed).toEqual(['House rules', 'About', 'Contact', 'Garden']);
    // The template's own entries come after the member's pages.
    expect(menu.indexOf('Garden')).toBeLessThan(menu.length - 1);
  });

  it('shows the same menu on every page, without the page left out', () => {
    const home = menuOf(text(site, 'index.html'));
    expect(home).not.toContain('Old notes');
    for (const path of htmlPaths(site).filter((p) => p !== '404.html')) {
      expect({ path, menu: menuOf(text(site, path)) }).toEqual({ path, menu: home });
    }
  });

  it('still publishes the page left out, at its address', () => {
    const template = findTemplate(id)!;
    const hidden = text(site, itemPagePath(template, pages[2]!) + 'index.html');
    expect(hidden).toContain('Old notes');
  });
});
