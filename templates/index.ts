/**
 * The templates a neighbor can choose from, in gallery order. The edge and
 * the builder look templates up here by id; an id not listed is refused.
 */
import { blog } from './blog/template';
import { newsletter } from './newsletter/template';
import { showcase } from './showcase/template';
import type { TemplateDefinition } from './template';

export type { TemplateDefinition, TemplateId } from './template';

export const templates: readonly TemplateDefinition[] = [blog, showcase, newsletter];

export function findTemplate(id: string): TemplateDefinition | undefined {
  return templates.find((t) => t.id === id);
}
