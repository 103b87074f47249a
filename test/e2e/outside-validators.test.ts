/**
 * Proves the pages pass the outside validators an auditor runs: no Nu Html
 * Checker error in the HTML as served, and no WCAG A/AA violation axe-core
 * finds in the page as rendered. The pages are a representative set: the
 * app signed out and signed in (as alice, the demo's admin), an editor, a
 * preview page, each template's sample front page and one of its entries,
 * and the published demo site. First, the checker itself must catch what it
 * is here for, so a broken run cannot pass as a clean one.
 */
import { describe, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { demoAccounts, demoSite } from '../../scripts/local/demo';
import { templates } from '../../templates';
import { signInAs } from './journey';
import { liveAddress } from './publishing';
import { screenshot } from './sites';
import { useStack } from './stack';
import { axeViolations, htmlErrors, type AxeViolation } from './validators';

const e2e = useStack();
const alice = demoAccounts.find((a) => a.handle === demoSite.owner)!;

/** Pages to check, by name: their HTML as served, and axe's findings on them. */
const served = new Map<string, string>();
const violations: AxeViolation[] = [];

/** Opens `url`, keeps its HTML as served, and runs axe over it; returns the page's links. */
async function check(context: BrowserContext, name: string, url: string): Promise<string[]> {
  const page = await context.newPage();
  try {
    const response = await page.goto(url);
    expect({ name, status: response?.status() }).toEqual({ name, status: 200 });
    served.set(name, await response!.text());
    violations.push(...(await axeViolations(page, name)));
    await screenshot(page, `validators-${name}`);
    return await page
      .locator('main a[href]')
      .evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href));
  } finally {
    await page.close();
  }
}

/** The first of `links` that opens one entry under `path` (e.g. `/posts/<slug>/`). */
function entryLink(links: string[], path: string): string {
  const link = links.find((href) => new RegExp(`/${path}/[^/]+/$`).test(new URL(href).pathname));
  if (!link) throw new Error(`no link to an entry under /${path}/ among ${links.join(', ')}`);
  return link;
}

describe('the Nu Html Checker', () => {
  test('reports invalid HTML, such as an attribute HTML does not have', async () => {
    const page =
      '<!doctype html><html lang="en"><head><title>t</title></head>' +
      '<body><main><h1>t</h1><form hx-post="/x" action="/x"></form></main></body></html>';
    const errors = await htmlErrors(new Map([['invalid', page]]));
    expect(errors.map((e) => e.message).join('\n')).toContain('hx-post');
  });
});

describe('every kind of page, as an outside auditor checks it', () => {
  test('has no HTML errors and no WCAG A/AA violations', async () => {
    const { appUrl, browser } = e2e;

    const visitor = await browser.newContext();
    try {
      await check(visitor, 'home, signed out', `${appUrl}/`);
      await check(visitor, 'templates', `${appUrl}/templates`);
      for (const template of templates) {
        const base = `${appUrl}/templates/${template.id}/sample/`;
        const links = await check(visitor, `${template.id} sample home`, base);
        await check(visitor, `${template.id} sample entry`, entryLink(links, template.entry.path));
      }
      const live = await check(visitor, 'published site', `${liveAddress(e2e, demoSite.name)}/`);
      await check(visitor, 'published entry', entryLink(live, 'issues'));
    } finally {
      await visitor.close();
    }

    const member = await browser.newContext();
    try {
      await (await signInAs(member, e2e, alice)).close();
      await check(member, 'me', `${appUrl}/me`);
      await check(member, 'home, signed in', `${appUrl}/`);
      await check(member, 'directory', `${appUrl}/members`);
      await check(member, 'admin', `${appUrl}/admin`);
      await check(member, 'sites', `${appUrl}/sites`);
      await check(member, 'new site', `${appUrl}/sites/new`);
      const site = `${appUrl}/sites/${demoSite.name}`;
      const dashboard = await check(member, 'dashboard', site);
      await check(member, 'settings', `${site}/settings`);
      await check(member, 'pictures', `${site}/pictures`);
      const editor = dashboard.find((href) => /\/items\/[0-9a-f-]{36}$/.test(href));
      expect(editor).toBeDefined();
      await check(member, 'editor', editor!);
      await check(member, 'new entry', `${site}/items/new?kind=entry`);
      const preview = await check(member, 'preview home', `${site}/preview/`);
      await check(member, 'preview entry', entryLink(preview, 'issues'));
    } finally {
      await member.close();
    }

    expect(violations).toEqual([]);
    expect(await htmlErrors(served)).toEqual([]);
  }, 300_000);
});
