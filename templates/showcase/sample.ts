/**
 * The project showcase's sample site for the template gallery: a neighbor
 * who builds and mends things for the street. Pure data, so the Worker can
 * import it; the builder renders it like any site.
 */
import type { RenderItem } from '../content';
import type { Settings } from '../settings';

const settings: Settings = {
  title: 'Sam’s Workbench',
  tagline: 'Things I build and mend, mostly from what the street throws away.',
  author: 'Sam Reyes',
  accent: '#9a4a12',
  font: 'sans',
  navLinks: [{ label: 'Repair café', url: 'https://example.org/repair-cafe' }],
  intro:
    'I run the repair table at the monthly café and keep a workshop in the garage at number 9. Here is what has come off the bench lately. **Borrowing tools?** Knock on the garage door on Saturday mornings.',
  groupByTag: true,
};

const blank = { link: '', imageUrl: '', imageAlt: '', status: 'ready' } as const;

const items: RenderItem[] = [
  {
    ...blank,
    kind: 'entry',
    title: 'A bench from the fallen oak',
    slug: 'oak-bench',
    date: '2026-06-20',
    tags: ['woodwork', 'street'],
    summary: 'The oak that came down in the March storm now seats four by the bus stop.',
    body: [
      'When the council cut up the oak on the corner, they let us keep two of the big limbs. After a winter of drying in my garage, one of them became a bench.',
      '## How it was made',
      [
        '1. Split the limb with wedges and a borrowed froe.',
        '2. Flattened the top with a scrub plane (many evenings).',
        '3. Legs from the second limb, wedged through-tenons, no metal.',
        '4. Three coats of linseed oil.',
      ].join('\n'),
      'It weighs about 90 kg, which is a feature: nobody is carrying it away.',
    ].join('\n\n'),
    updatedAt: '2026-06-21T09:00:00.000Z',
  },
  {
    ...blank,
    kind: 'entry',
    title: 'Street library box',
    slug: 'street-library',
    date: '2026-04-11',
    tags: ['woodwork', 'street', 'books'],
    summary: 'A weatherproof book box on a post, with a perspex door and a very stiff hinge.',
    body: 'Built from an old kitchen cupboard and a salvaged window. It holds about forty paperbacks. Take one, leave one, or just take one.\n\nThe roof is lined with offcuts of roofing felt from number 14’s shed.',
    link: 'https://example.org/little-libraries',
    updatedAt: '2026-04-12T16:45:00.000Z',
  },
  {
    ...blank,
    kind: 'entry',
    title: 'Cargo trailer for the repair café',
    slug: 'cargo-trailer',
    date: '2026-02-28',
    tags: ['bikes', 'repair-cafe'],
    summary: 'Carries two toolboxes, a folding table and a tea urn to the community hall.',
    body: 'Made from two child-seat frames, a plywood deck and wheels from a broken buggy. It clips onto any bike with a standard rear axle.\n\nPlans are free: ask at the café and I will copy them for you.',
    updatedAt: '2026-03-01T10:00:00.000Z',
  },
  {
    ...blank,
    kind: 'entry',
    title: 'Solar lamp for the garden shed',
    slug: 'solar-lamp',
    date: '2025-11-15',
    tags: ['electronics'],
    summary:
      'A reclaimed panel, a scooter battery and an LED strip light the shed on winter evenings.',
    body: 'The panel came off a broken garden fountain; the battery from a scooter that would not hold a charge for riding but is fine for a lamp. A motion sensor turns it on when you walk in and off after five minutes.\n\n> Safety note: the battery lives in a metal box, with a fuse, away from the compost.',
    updatedAt: '2025-11-15T20:00:00.000Z',
  },
  {
    ...blank,
    kind: 'entry',
    title: 'Mended: the Okafors’ radio',
    slug: 'okafor-radio',
    date: '2025-10-04',
    tags: ['electronics', 'repair-cafe'],
    summary: 'A 1970s radio back on the kitchen windowsill after one new capacitor.',
    body: 'It hummed and then went quiet. Two dried-out capacitors in the power supply, a clean of the volume knob, and it plays the morning news again.',
    updatedAt: '2025-10-05T08:00:00.000Z',
  },
  {
    ...blank,
    kind: 'page',
    title: 'About Sam',
    slug: 'about',
    date: '2025-09-01',
    tags: [],
    summary: 'Who runs this workbench, and how to borrow tools.',
    body: 'I was a theatre carpenter for twenty years and now fix things for the street. The tool library lives in my garage: saws, clamps, a pillar drill and a sewing machine.\n\nWrite to me at [sam@example.org](mailto:sam@example.org) or come to the repair café, first Sunday of the month.',
    updatedAt: '2025-09-01T00:00:00.000Z',
  },
];

/** The gallery's example showcase. */
export const sample: { settings: Settings; items: RenderItem[] } = { settings, items };
