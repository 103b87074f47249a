/**
 * The newsletter archive's sample site for the template gallery: the
 * monthly bulletin of a street's residents' group. Pure data, so the Worker
 * can import it; the builder renders it like any site.
 */
import type { RenderItem } from '../content';
import type { Settings } from '../settings';

const settings: Settings = {
  title: 'The Oak Street Bulletin',
  tagline: 'News from our street, once a month, since 2025.',
  author: 'Priya and Jonas',
  accent: '#2b4c7e',
  font: 'sans',
  navLinks: [],
  subscribeText:
    'Each issue arrives by email on the first Sunday of the month, or on paper through your door if you prefer: write to [bulletin@example.org](mailto:bulletin@example.org).',
  subscribeUrl: 'https://example.org/bulletin/subscribe',
};

const blank = { link: '', imageUrl: '', imageAlt: '', status: 'ready', summary: '' } as const;

const items: RenderItem[] = [
  {
    ...blank,
    kind: 'entry',
    number: 5,
    title: 'Street party, new bins, and a call for bakers',
    slug: 'street-party-bakers',
    date: '2026-06-07',
    tags: ['events', 'food'],
    summary:
      'The street party is on 12 July. We need cakes, chairs and someone with a long extension lead.',
    body: [
      '## Street party',
      'The road will be closed from noon to eight on **Saturday 12 July**. Bring a chair, a dish to share and, if you have one, a gazebo.',
      'We still need:',
      [
        '- bakers (four so far, we want ten)',
        '- two people for the tea table',
        '- a long extension lead',
      ].join('\n'),
      '## New bins',
      'Food waste bins arrive the week of 16 June. Kitchen caddies are on the council’s list; ask Jonas at number 31 if yours does not come.',
    ].join('\n\n'),
    updatedAt: '2026-06-07T07:00:00.000Z',
  },
  {
    ...blank,
    kind: 'entry',
    number: 4,
    title: 'The crossing is coming',
    slug: 'the-crossing',
    date: '2026-05-03',
    tags: ['traffic'],
    summary: 'After two years of letters, a zebra crossing by the school gate, this autumn.',
    body: 'The council has confirmed the zebra crossing outside the primary school will be built in October. Thank you to the 212 neighbors who signed, and to the children who drew the posters.\n\nWork will close one lane for about a week. We will post the dates here as soon as we know them.',
    updatedAt: '2026-05-04T12:00:00.000Z',
  },
  {
    ...blank,
    kind: 'entry',
    number: 3,
    title: 'Spring clean-up, in numbers',
    slug: 'spring-clean-up',
    date: '2026-04-05',
    tags: ['events'],
    body: 'Forty-one bags of litter, three shopping trolleys, one bicycle wheel and a surprisingly intact garden gnome, now living in the community garden.\n\nThanks to everyone who came, and to the café on the corner for the coffee.',
    updatedAt: '2026-04-05T18:30:00.000Z',
  },
  {
    ...blank,
    kind: 'entry',
    number: 2,
    title: 'Meet your neighbors: the bakery at number 2',
    slug: 'meet-the-bakery',
    date: '2026-03-01',
    tags: ['neighbors', 'food'],
    summary: 'Forty years of bread on the corner, and what comes next.',
    body: 'Mr and Mrs Demir opened the bakery in 1986. This spring their granddaughter Elif takes over the ovens, starting at four every morning.\n\n> “The secret is patience,” says Mr Demir. “And a very old sourdough.”',
    updatedAt: '2026-03-02T09:00:00.000Z',
  },
  {
    ...blank,
    kind: 'entry',
    number: 1,
    title: 'Hello, Oak Street',
    slug: 'hello-oak-street',
    date: '2026-02-01',
    tags: [],
    summary: 'Why a bulletin, and what will be in it.',
    body: 'Plenty happens on our street that half of us never hear about. This bulletin is one page a month: what is coming up, what the council is planning, and a neighbor or two you may not have met.\n\nIf you have news, write to us. Short is good.',
    updatedAt: '2026-02-01T10:00:00.000Z',
  },
  {
    ...blank,
    kind: 'page',
    title: 'About the bulletin',
    slug: 'about',
    date: '2026-01-20',
    tags: [],
    body: 'The Oak Street Bulletin is written by volunteers from the residents’ group. It is free, it has no adverts, and it will never share your address.\n\nPaper copies are printed at the library and delivered by the children of numbers 5 and 17, who are paid in cake.',
    updatedAt: '2026-01-20T00:00:00.000Z',
  },
];

/** The gallery's example newsletter archive. */
export const sample: { settings: Settings; items: RenderItem[] } = { settings, items };
