/**
 * How much one site may hold: at most `siteLimits.items` entries and pages
 * and `siteLimits.textBytes` of text (UTF-8), so that rendering a site stays
 * well inside the builder's memory and every preview answer stays small.
 * The edge counts everything stored, the trash included (a trashed item
 * still sits in the table and comes back on restore, so restoring never
 * needs room); a change is refused only if it would make the site grow past
 * a bound, so shortening a text always saves. The builder checks what it
 * renders (everything outside the trash) against the same numbers, so a
 * site pushed over by two saves at once renders again once something goes
 * to the trash. Pure: numbers, sums and the words for them.
 */
import type { ItemContent } from '../templates/content';

export const siteLimits = {
  /** Entries and pages, drafts and the trash included. */
  items: 1_000,
  /** Bytes of text (UTF-8): room for fifty of the longest posts. */
  textBytes: 5 * 1024 * 1024,
} as const;

/** What a site holds, as counted against `siteLimits`. */
export interface SiteUsage {
  items: number;
  textBytes: number;
}

/** Which bound a change would break. */
export type SiteBound = 'items' | 'text';

/** UTF-8 length of `text`, counted without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

type ItemText = Pick<
  ItemContent,
  'title' | 'summary' | 'body' | 'link' | 'imageUrl' | 'imageAlt' | 'tags'
>;

/** The bytes of text an item holds: everything a neighbor wrote in it, as UTF-8. */
export function itemTextBytes(item: ItemText): number {
  const { title, summary, body, link, imageUrl, imageAlt, tags } = item;
  return [title, summary, body, link, imageUrl, imageAlt, ...tags].reduce(
    (sum, text) => sum + utf8Length(text ?? ''),
    0,
  );
}

/** The bound that going from `before` to `after` breaks; none if it does not grow past one. */
export function brokenBound(before: SiteUsage, after: SiteUsage): SiteBound | undefined {
  if (after.items > before.items && after.items > siteLimits.items) return 'items';
  if (after.textBytes > before.textBytes && after.textBytes > siteLimits.textBytes) return 'text';
  return undefined;
}

/** A size in the words people use: `800 KB`, `4.5 MB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

const count = (n: number) => n.toLocaleString('en');

/** Why the editor did not save: the bound, what the site holds, and what to do. */
export function siteFullMessage(bound: SiteBound, usage: SiteUsage, itemBytes: number): string {
  const kept = 'Everything you typed is still here.';
  const trash =
    'Items in the trash count too, until it lets them go 30 days after they were deleted.';
  if (bound === 'items')
    return `Not saved: this site already holds ${count(usage.items)} entries and pages, and a site can hold at most ${count(siteLimits.items)}. ${trash} ${kept}`;
  return `Not saved: a site can hold at most ${sizeText(siteLimits.textBytes)} of text, and this site already holds ${sizeText(usage.textBytes)}; this text is ${sizeText(itemBytes)}. Shorten it, or shorten or delete other long texts. ${trash} ${kept}`;
}

/** What the builder says of a site (outside the trash) over the bounds; nothing if it fits. */
export function overSiteLimits(usage: SiteUsage): string[] {
  const problems: string[] = [];
  if (usage.items > siteLimits.items)
    problems.push(
      `This site holds ${count(usage.items)} entries and pages outside the trash, and a site can hold at most ${count(siteLimits.items)}. Move some to the trash, then preview again.`,
    );
  if (usage.textBytes > siteLimits.textBytes)
    problems.push(
      `This site holds ${sizeText(usage.textBytes)} of text outside the trash, and a site can hold at most ${sizeText(siteLimits.textBytes)} of text. Shorten some texts or move some to the trash, then preview again.`,
    );
  return problems;
}
