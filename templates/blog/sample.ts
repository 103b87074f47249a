/**
 * The blog's sample site for the template gallery: a neighbor writing about
 * the community garden on their street. Pure data, so the Worker can import
 * it; the builder renders it like any site.
 */
import type { RenderItem } from '../content';
import type { Settings } from '../settings';

const settings: Settings = {
  title: 'Notes from the Elm Street Garden',
  tagline: 'Twelve raised beds, one compost heap and a lot of neighbors.',
  author: 'Maya Okafor',
  accent: '#2f6b3a',
  font: 'serif',
  navLinks: [{ label: 'Bluesky', url: 'https://bsky.app/' }],
  showSummaries: true,
};

const items: RenderItem[] = [
  {
    kind: 'entry',
    title: 'The first tomatoes of the year',
    slug: 'first-tomatoes',
    date: '2026-07-14',
    tags: ['harvest', 'tomatoes'],
    summary: 'Bed 4 beat everyone again. What Rosa does differently, in her own words.',
    body: [
      'Every summer there is a quiet race to the first ripe tomato, and every summer Rosa from number 18 wins it. This year it was a *Stupice*, picked on the 12th and shared in eight slices on the bench by the shed.',
      '## What Rosa does differently',
      [
        '- She starts seeds indoors in late February, on the kitchen windowsill.',
        '- She plants deep: the stem sends out roots wherever it is buried.',
        '- She waters at the base, in the morning, and never the leaves.',
      ].join('\n'),
      '> “Tomatoes want warm feet and dry hair,” she says. “Like my grandmother.”',
      'The rest of us are about a week behind. If you have more cherry tomatoes than you can eat, the swap shelf by the gate is the place for them.',
    ].join('\n\n'),
    status: 'ready',
    link: '',
    imageUrl: '',
    imageAlt: '',
    updatedAt: '2026-07-14T18:20:00.000Z',
  },
  {
    kind: 'entry',
    title: 'Rain barrels are in',
    slug: 'rain-barrels',
    date: '2026-06-02',
    tags: ['water', 'workday'],
    summary: 'Four barrels, two downpipes, one very long Saturday.',
    body: [
      'Thanks to everyone who came out on Saturday. We now catch the rain from the shed roof and from the back of number 22 (thank you, Tom and Ilse).',
      'Four barrels hold about 800 litres between them. In a normal June that is a week of watering for the whole garden without touching the tap.',
      '**Please** close the tap on the barrels after use, and keep the lids on: mosquitoes love still water as much as we do.',
    ].join('\n\n'),
    status: 'ready',
    link: '',
    imageUrl: '',
    imageAlt: '',
    updatedAt: '2026-06-03T08:00:00.000Z',
  },
  {
    kind: 'entry',
    title: 'Seed swap, in pictures and numbers',
    slug: 'seed-swap',
    date: '2026-03-21',
    tags: ['seeds', 'events'],
    summary: '31 neighbors, 140 packets, and beans from three continents.',
    body: [
      'The spring seed swap was our busiest yet. A few numbers:',
      [
        '1. 31 neighbors came, and nine of them for the first time.',
        '2. 140 packets changed hands.',
        '3. The oldest seeds were runner beans saved every year since 1987.',
      ].join('\n'),
      'Left-over packets are in the tin in the shed, labelled by month. Take what you will sow; bring back what you save in autumn.',
    ].join('\n\n'),
    status: 'ready',
    link: '',
    imageUrl: '',
    imageAlt: '',
    updatedAt: '2026-03-22T10:15:00.000Z',
  },
  {
    kind: 'entry',
    title: 'Making compost that does not smell',
    slug: 'compost',
    date: '2026-02-08',
    tags: ['compost', 'how-to'],
    summary: 'Greens, browns, and why the heap needs turning.',
    body: [
      'A heap that smells has too many greens and not enough air. The fix is almost always the same: add browns (dry leaves, shredded cardboard) and turn it.',
      'A rough rule of thumb is **two buckets of browns for every bucket of greens**. The leaf bin by the fence is there for exactly that.',
      'There is a good guide from the [Royal Horticultural Society](https://www.rhs.org.uk/) if you want the details.',
    ].join('\n\n'),
    status: 'ready',
    link: '',
    imageUrl: '',
    imageAlt: '',
    updatedAt: '2026-02-08T12:00:00.000Z',
  },
  {
    kind: 'entry',
    title: 'Plans for the new season',
    slug: 'plans-new-season',
    date: '2026-01-10',
    tags: ['planning'],
    summary: 'A herb spiral, a bench in the shade, and a waiting list.',
    body: [
      'We met in the community room on a cold Tuesday and agreed on three things for this year: a herb spiral by the gate, a second bench under the plum tree, and a fair way to hand out the two beds that came free.',
      'If you would like a bed, [read about how the garden works](/about/) and put your name on the list in the shed.',
    ].join('\n\n'),
    status: 'ready',
    link: '',
    imageUrl: '',
    imageAlt: '',
    updatedAt: '2026-01-11T09:30:00.000Z',
  },
  {
    kind: 'page',
    title: 'About the garden',
    slug: 'about',
    date: '2025-04-01',
    tags: [],
    summary: 'Who we are and how to get a bed.',
    body: [
      'The Elm Street Garden is twelve raised beds on the old car park behind number 20. Neighbors look after it together, and anyone on the street is welcome to sit, pick herbs, or help.',
      '## Getting a bed',
      'Beds are shared out once a year, in January. Put your name on the list in the shed, or write to me at [maya@example.org](mailto:maya@example.org).',
      '## Workdays',
      'The first Saturday of every month, from ten until lunch. Tools and tea provided.',
    ].join('\n\n'),
    status: 'ready',
    link: '',
    imageUrl: '',
    imageAlt: '',
    updatedAt: '2025-04-01T00:00:00.000Z',
  },
];

/** The gallery's example blog. */
export const sample: { settings: Settings; items: RenderItem[] } = { settings, items };
