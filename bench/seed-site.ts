/**
 * A realistic site for the editor benchmarks: a blog with 50 posts (two or
 * three tags each, multi-paragraph Markdown bodies, a few drafts), one of
 * them long, and an About page, written through the same data functions the
 * editor uses. Its text is generated, deterministically, from the words of
 * the templates' own sample sites, so it compresses about as well as real
 * prose (a page weight measured on repeated sentences would flatter us);
 * the dashboard's one Query returns every body, so their size matters too.
 */
import type { Dynamo } from '../edge/db/dynamo';
import { createItem } from '../edge/db/items';
import { getNeighborhood } from '../edge/db/neighborhood';
import { createSite } from '../edge/db/sites';
import type { ItemContent } from '../templates/content';
import { findTemplate } from '../templates';
import { sample as blogSample } from '../templates/blog/sample';
import { sample as newsletterSample } from '../templates/newsletter/sample';
import { sample as showcaseSample } from '../templates/showcase/sample';
import { defaultSettings } from '../templates/settings';

/** The benchmark site's name (its subdomain). */
export const BENCH_SITE = 'notes';
export const POST_COUNT = 50;
/** The post the editor benchmark opens: about as long as a long essay. */
export const LONG_POST_TITLE = 'Twenty summers of the Oak Street fair, remembered';
const LONG_POST_CHARS = 12_000;

const TAGS = ['garden', 'repair-cafe', 'street-party', 'library', 'bikes', 'food', 'kids', 'bees'];

export interface SeededSite {
  name: string;
  /** The long post's item id. */
  longPostId: string;
  longPostChars: number;
}

/** A small deterministic random source (mulberry32), so every run seeds the same text. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Word pairs from the sample sites' prose: which word follows which. A
 * walk through them reads like the street's own writing and compresses
 * like it; jumping to a random word now and then keeps the walk from
 * copying whole sample sentences, which would compress unrealistically well.
 */
const words = [...blogSample.items, ...showcaseSample.items, ...newsletterSample.items]
  .map((item) => item.body)
  .join(' ')
  .match(/[A-Za-z][A-Za-z’'-]*|\d+/g)!;
const followers = new Map<string, string[]>();
words.forEach((word, i) => {
  const next = words[i + 1];
  if (next) followers.set(word, [...(followers.get(word) ?? []), next]);
});

const pick = <T>(rng: () => number, list: readonly T[]): T =>
  list[Math.floor(rng() * list.length)]!;

function sentence(rng: () => number): string {
  const length = 8 + Math.floor(rng() * 16);
  let word = pick(rng, words);
  const out = [word.charAt(0).toUpperCase() + word.slice(1)];
  while (out.length < length) {
    const options = followers.get(word);
    word = options && rng() > 0.25 ? pick(rng, options) : pick(rng, words);
    out.push(word);
  }
  return `${out.join(' ')}${rng() < 0.1 ? '?' : '.'}`;
}

const paragraph = (rng: () => number) =>
  Array.from({ length: 3 + Math.floor(rng() * 4) }, () => sentence(rng)).join(' ');

/** A Markdown section: a heading, paragraphs, and now and then a list or a link. */
function section(rng: () => number, heading: string): string {
  const parts = [`## ${heading}`, paragraph(rng), paragraph(rng)];
  if (rng() < 0.5)
    parts.push(Array.from({ length: 3 }, () => `- ${sentence(rng).slice(0, 60)}`).join('\n'));
  if (rng() < 0.5)
    parts.push(
      `More in [the street's notes](https://oak.example/notes/${Math.floor(rng() * 900)}).`,
    );
  parts.push(paragraph(rng));
  return parts.join('\n\n');
}

function body(rng: () => number, minChars: number): string {
  const sections: string[] = [paragraph(rng)];
  let length = sections[0]!.length;
  for (let n = 1; length < minChars; n++) {
    const next = section(rng, `Part ${n}: ${sentence(rng).slice(0, 40).replace(/\W+$/, '')}`);
    sections.push(next);
    length += next.length + 2;
  }
  return sections.join('\n\n');
}

function post(n: number, rng: () => number): ItemContent {
  const long = n === 7;
  const topic = TAGS[n % TAGS.length]!.replace('-', ' ');
  const date = new Date(Date.UTC(2026, 3, 1) - n * 7 * 86_400_000).toISOString().slice(0, 10);
  const tags = [TAGS[n % 8]!, TAGS[(n * 3 + 1) % 8]!, ...(n % 3 ? [] : [TAGS[(n + 5) % 8]!])];
  return {
    kind: 'entry',
    title: long ? LONG_POST_TITLE : `Week ${POST_COUNT - n}: the ${topic}, and what comes next`,
    slug: long ? 'twenty-summers' : `week-${POST_COUNT - n}`,
    date,
    tags: [...new Set(tags)],
    summary: `Notes from week ${POST_COUNT - n} on the street: the ${topic}, who came and what we plan.`,
    body: body(rng, long ? LONG_POST_CHARS : 1500),
    status: n % 10 === 3 ? 'draft' : 'ready',
    link: '',
    imageUrl: '',
    imageAlt: '',
  };
}

const about = (rng: () => number): ItemContent => ({
  kind: 'page',
  title: 'About',
  slug: 'about',
  date: '2025-06-01',
  tags: [],
  summary: 'Who writes these notes, and why.',
  body: [paragraph(rng), paragraph(rng), paragraph(rng)].join('\n\n'),
  status: 'ready',
  link: '',
  imageUrl: '',
  imageAlt: '',
});

/**
 * Makes the benchmark blog for `ownerDid` under the neighborhood's site
 * limit, with its 50 posts and About page; returns where the long post is.
 */
export async function seedSite(db: Dynamo, ownerDid: string, author: string): Promise<SeededSite> {
  const blog = findTemplate('blog')!;
  const neighborhood = await getNeighborhood(db);
  await createSite(
    db,
    {
      name: BENCH_SITE,
      ownerDid,
      template: blog.id,
      settings: {
        ...defaultSettings(blog.settings),
        title: 'Notes from number 12',
        tagline: 'Bees, bread and the comings and goings of Oak Street.',
        author,
        navLinks: [
          { label: 'Bluesky', url: 'https://bsky.app/' },
          { label: 'The neighborhood', url: 'https://oak.example/' },
        ],
      },
    },
    neighborhood.siteLimit,
  );
  const rng = random(12);
  const contents = [...Array.from({ length: POST_COUNT }, (_, n) => post(n, rng)), about(rng)];
  const created = [];
  // Ten at a time: quick, without flooding the local DynamoDB.
  for (let i = 0; i < contents.length; i += 10)
    created.push(
      ...(await Promise.all(contents.slice(i, i + 10).map((c) => createItem(db, BENCH_SITE, c)))),
    );
  const long = created.find((item) => item.title === LONG_POST_TITLE)!;
  return { name: BENCH_SITE, longPostId: long.id, longPostChars: long.body.length };
}
