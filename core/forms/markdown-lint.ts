/**
 * Gentle checks on what a neighbor wrote that do not stop a save: pictures
 * without a description (alt text), which people using screen readers would
 * miss, and, given the site's pictures, a `picture:<id>` the site does not
 * have (the published page would show only its words). A site's picture
 * with a description needs no alt text of its own: the page uses the
 * description. A few regular expressions, not a Markdown parser: the Worker
 * stays small, and the builder renders the real thing.
 */
import { pictureIdOf } from '../pictures';

/** One warning, shown next to the field it is about. */
export interface ItemWarning {
  field: 'body' | 'imageUrl' | 'imageAlt';
  message: string;
}

/** A site's pictures by id, as far as the warnings need them. */
export type PictureDescriptions = ReadonlyMap<string, { description: string }>;

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

/** The ids of the site's pictures that `markdown` shows, once each, in order of appearance. */
export function pictureReferences(markdown: string): string[] {
  const ids = new Set<string>();
  for (const [, , bracketed, bare] of markdown.replace(CODE, '').matchAll(INLINE_IMAGE)) {
    const id = pictureIdOf(bracketed || bare || '');
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

const noPicture = (id: string) =>
  `There is no picture called ${shorten(id)} on this site — see Pictures to upload it or copy its reference.`;

/** Whether the picture at `url` is described elsewhere: one of the site's, with a description. */
const describedPicture = (url: string, pictures: PictureDescriptions | undefined) => {
  const id = pictureIdOf(url);
  return id !== undefined && pictures?.get(id)?.description.trim() ? true : false;
};

/** Whether `url` names a picture the site does not have (never, when its pictures are not known). */
const missingPicture = (url: string, pictures: PictureDescriptions | undefined) => {
  const id = pictureIdOf(url);
  return id !== undefined && pictures !== undefined && !pictures.has(id);
};

/**
 * Warnings for an item's text and, for projects, its picture. With
 * `pictures` (the site's, by id) it also names each `picture:<id>` the site
 * does not have, and leaves alone one whose picture has a description.
 */
export function itemWarnings(
  item: { body: string; imageUrl?: string; imageAlt?: string },
  pictures?: PictureDescriptions,
): ItemWarning[] {
  const warnings: ItemWarning[] = pictureReferences(item.body)
    .filter((id) => pictures !== undefined && !pictures.has(id))
    .map((id) => ({ field: 'body', message: noPicture(id) }));
  for (const url of imagesWithoutAlt(item.body)) {
    if (describedPicture(url, pictures) || missingPicture(url, pictures)) continue;
    warnings.push({
      field: 'body',
      message: `The picture “${shorten(url)}” has no description, so people who cannot see it will miss it. Write one between the brackets: ![a short description](${shorten(url)}).`,
    });
  }
  const imageUrl = item.imageUrl?.trim() ?? '';
  if (missingPicture(imageUrl, pictures)) {
    warnings.push({ field: 'imageUrl', message: noPicture(pictureIdOf(imageUrl)!) });
  } else if (imageUrl && !item.imageAlt?.trim() && !describedPicture(imageUrl, pictures)) {
    warnings.push({
      field: 'imageAlt',
      message: `The picture “${shorten(imageUrl)}” has no description, so people who cannot see it will miss it. Describe it here.`,
    });
  }
  return warnings;
}
