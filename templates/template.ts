/**
 * What a template is, seen from outside Eleventy: its name and description
 * for the gallery, what its entries are called, which extra item fields they
 * use, and its settings. The Eleventy files live beside each definition in
 * `<id>/site/`; only the builder reads those.
 */
import type { SettingsField } from './settings';

export type TemplateId = 'blog' | 'showcase' | 'newsletter';

export interface TemplateDefinition {
  id: TemplateId;
  name: string;
  /** One or two sentences for the gallery. */
  description: string;
  /**
   * What one entry is called, and many ("post"/"posts"); entries are
   * published under `/<path>/<slug>/`.
   */
  entry: { singular: string; plural: string; path: string };
  /** Item fields beyond the common ones that this template's entries use. */
  entryExtras: readonly ('link' | 'imageUrl' | 'imageAlt' | 'number')[];
  settings: readonly SettingsField[];
}
