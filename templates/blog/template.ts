/** The blog template: dated posts with tags, an archive, tag pages and feeds. */
import { commonFields } from '../settings';
import type { TemplateDefinition } from '../template';

export const blog: TemplateDefinition = {
  id: 'blog',
  name: 'Blog',
  description:
    'Dated posts with tags, an archive, an About page, and RSS and Atom feeds so neighbors can follow along.',
  entry: { singular: 'post', plural: 'posts', path: 'posts' },
  entryExtras: [],
  settings: [
    ...commonFields,
    {
      kind: 'boolean',
      name: 'showSummaries',
      label: 'Show summaries on the front page',
      help: 'List each post with its summary, not just its title and date.',
      default: true,
    },
  ],
};
