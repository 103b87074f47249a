/** The newsletter archive: numbered issues, newest first, with a feed. */
import { commonFields } from '../settings';
import type { TemplateDefinition } from '../template';

export const newsletter: TemplateDefinition = {
  id: 'newsletter',
  name: 'Newsletter archive',
  description:
    'Every issue of your newsletter, numbered and dated, newest first, with a feed and a note on how to subscribe.',
  entry: { singular: 'issue', plural: 'issues', path: 'issues' },
  entryExtras: ['number'],
  settings: [
    ...commonFields,
    {
      kind: 'longText',
      name: 'subscribeText',
      label: 'How to subscribe',
      help: 'Shown on every page, e.g. "Write to me to get each issue by email" (Markdown). Leave empty to hide it.',
      default: '',
      max: 1000,
      optional: true,
    },
    {
      kind: 'url',
      name: 'subscribeUrl',
      label: 'Subscribe link',
      help: 'Where people sign up, if anywhere.',
      default: '',
    },
  ],
};
