/**
 * Gentle checks on what a neighbor wrote that do not stop a save: pictures
 * without a description (alt text), which people using screen readers would
 * miss. A few regular expressions, not a Markdown parser: the Worker stays
 * small, and the builder renders the real thing.
 */

/** One warning, shown next to the field it is about. */
export interface ItemWarning {
  field: 'body' | 'imageAlt';
  message: string;
}

/** Inline images: `![alt](url "title")`, the address optionally in angle brackets. */
const INLINE_IMAGE =
  /!\[([^\]]*)\]\(\s*(?:<([^>\n]*)>|([^\s)]*))(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
/** Reference images with empty brackets: `![][ref]`. */
const REFERENCE_IMAGE = /!\[\s*\]\[([^\]]*)\]/g;
/** Fenced code blocks and inline code, where `![](…)` is text, not a picture. */
const CODE = /^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))|`[^`\n]+`/gm;

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

/** The pictures in `markdown` that have no description, named by their address. */
export function imagesWithoutAlt(markdown: string): string[] {
  const text = markdown.replace(CODE, '');
  const found: string[] = [];
  for (const [, alt, bracketed, bare] of text.matchAll(INLINE_IMAGE)) {
    if (!alt?.trim()) found.push(bracketed || bare || '(no address)');
  }
  for (const [, ref] of text.matchAll(REFERENCE_IMAGE)) found.push(ref?.trim() || '(no address)');
  return found;
}

/** Warnings for an item's text and, for projects, its picture. */
export function itemWarnings(item: {
  body: string;
  imageUrl?: string;
  imageAlt?: string;
}): ItemWarning[] {
  const warnings: ItemWarning[] = imagesWithoutAlt(item.body).map((url) => ({
    field: 'body',
    message: `The picture “${shorten(url)}” has no description, so people who cannot see it will miss it. Write one between the brackets: ![a short description](${shorten(url)}).`,
  }));
  if (item.imageUrl?.trim() && !item.imageAlt?.trim()) {
    warnings.push({
      field: 'imageAlt',
      message: `The picture “${shorten(item.imageUrl.trim())}” has no description, so people who cannot see it will miss it. Describe it here.`,
    });
  }
  return warnings;
}
