/**
 * Helpers for the site content tests: a member with a site of a given
 * template, the item form as a browser posts it, and items made through the
 * real routes.
 */
import { expect } from 'vitest';
import { getItem } from '../../edge/db/items';
import { valuesOf } from '../../core/forms/item';
import type { Site, SiteItem } from '../../core/records/sites';
import type { TemplateId } from '../../templates';
import { createTestSite } from './site-support';
import { db, postForm, signIn, type SignedIn } from './support';

export interface Owner extends SignedIn {
  site: Site;
}

/** A member who owns a fresh site made from `template`. */
export async function siteOwner(template: TemplateId = 'blog'): Promise<Owner> {
  const who = await signIn({}, 'member');
  return { ...who, site: await createTestSite(who.member.did, template) };
}

export const HTMX = { 'HX-Request': 'true' };

/** A complete "new item" form, with `changes` on top. */
export function newItemForm(
  who: Pick<SignedIn, 'csrf'>,
  changes: Record<string, string> = {},
): Record<string, string> {
  return {
    _csrf: who.csrf,
    kind: 'entry',
    version: '',
    title: 'Tomatoes on the balcony',
    slug: '',
    date: '2026-05-10',
    tags: 'garden, food',
    summary: 'What grew this year.',
    body: 'Six plants, **two** survived.',
    status: 'draft',
    ...changes,
  };
}

/** The edit form for `item` as the editor fills it, with `changes` on top. */
export function editForm(
  who: Pick<SignedIn, 'csrf'>,
  item: SiteItem,
  changes: Record<string, string> = {},
): Record<string, string> {
  return {
    _csrf: who.csrf,
    ...valuesOf(item),
    ...changes,
  };
}

/** Creates an item through `POST /sites/:name/items` and returns it as stored. */
export async function createViaForm(
  who: Owner,
  changes: Record<string, string> = {},
): Promise<SiteItem> {
  const res = await postForm(`/sites/${who.site.name}/items`, newItemForm(who, changes), {
    cookie: who.cookie,
  });
  expect(res.status).toBe(303);
  const id = /\/items\/([0-9a-f-]{36})\?saved$/.exec(res.headers.get('location') ?? '')?.[1];
  expect(id).toBeDefined();
  return (await getItem(db, who.site.name, id!))!;
}

/** `text` as JSX escapes it into a page. */
export const escaped = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
