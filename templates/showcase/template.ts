/** The project showcase: projects with a link, an optional picture and tags. */
import { commonFields } from '../settings';
import type { TemplateDefinition } from '../template';

export const showcase: TemplateDefinition = {
  id: 'showcase',
  name: 'Project showcase',
  description:
    'Show what you make: each project gets a page with its description, link and picture, grouped by tag.',
  entry: { singular: 'project', plural: 'projects', path: 'projects' },
  entryExtras: ['link', 'imageUrl', 'imageAlt'],
  settings: [
    ...commonFields,
    {
      kind: 'longText',
      name: 'intro',
      label: 'Introduction',
      help: 'A paragraph or two at the top of the front page (Markdown).',
      default: '',
      max: 2000,
      optional: true,
    },
    {
      kind: 'boolean',
      name: 'groupByTag',
      label: 'Group projects by tag on the front page',
      help: 'Otherwise projects are listed newest first.',
      default: true,
    },
  ],
};
