/**
 * An item's content with every field filled, for tests that need items but
 * are not about their fields: a ready entry, changed by `over`.
 */
import type { ItemContent } from '../../templates/content';

export const itemContent = (over: Partial<ItemContent> = {}): ItemContent => ({
  kind: 'entry',
  title: 'Untitled',
  slug: 'untitled',
  date: '2026-05-01',
  tags: [],
  summary: '',
  body: 'Some words.',
  status: 'ready',
  link: '',
  imageUrl: '',
  imageAlt: '',
  ...over,
});
