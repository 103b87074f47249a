/**
 * Where the Eleventy files are, found from this module's own location so
 * the same layout works from the repository and inside the builder's Lambda
 * asset: `templates/<id>/site/` holds a template's own pages,
 * `templates/shared/` the layout, partials, stylesheet and the pages every
 * template has (feeds, tags, archive, 404, sitemap, atproto-did).
 */
import { fileURLToPath } from 'node:url';
import type { TemplateId } from '../templates/template';

export const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));

export const sharedDir = fileURLToPath(new URL('../templates/shared/', import.meta.url));

/** The Nunjucks layout and partials every page may use. */
export const includesDir = fileURLToPath(new URL('../templates/shared/includes/', import.meta.url));

/** The pages every template renders, unless its own folder has a file of the same name. */
export const sharedPagesDir = fileURLToPath(new URL('../templates/shared/pages/', import.meta.url));

/** A template's own Eleventy input folder. */
export function siteDir(id: TemplateId): string {
  return fileURLToPath(new URL(`../templates/${id}/site/`, import.meta.url));
}
