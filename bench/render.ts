/**
 * Render time for a 200-post blog, in this process: the first render
 * (cold: Eleventy and the templates loaded for the first time) and the
 * median of five more (warm), against DESIGN.md's budget of 3 s for a
 * 200-post blog. Also the heaviest page that blog publishes, gzipped,
 * against the 14 KiB budget for published pages. `npx tsx bench/render.ts`
 * prints the figures alone; `measureRender()` gives the rows to bench/run.ts.
 */
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { render, type RenderInput } from '../builder/render';
import type { RenderItem } from '../templates/content';
import { sample } from '../templates/blog/sample';
import { KiB, kib } from './compress';
import { printTable, type Row } from './table';

export const RENDER_BUDGET_MS = 3000;
export const SITE_PAGE_BUDGET = 14 * KiB;
const POSTS = 200;
const WARM_RUNS = 5;

const tags = [
  'garden',
  'street-party',
  'repair-cafe',
  'library',
  'kids',
  'food',
  'meetings',
  'bikes',
];

/** A post of a few paragraphs, with a list, a link and two or three tags. */
function post(n: number): RenderItem {
  const date = new Date(Date.UTC(2026, 5, 1) - n * 2 * 86_400_000).toISOString().slice(0, 10);
  const topic = tags[n % tags.length]!.replace('-', ' ');
  return {
    kind: 'entry',
    title: `Week ${POSTS - n} on the street: ${topic} and what comes next`,
    slug: `week-${POSTS - n}`,
    date,
    tags: [tags[n % 8]!, tags[(n * 3 + 1) % 8]!, ...(n % 2 ? [tags[(n + 5) % 8]!] : [])],
    summary: `Notes from week ${POSTS - n}: who came to the ${topic}, what we did, and the plan.`,
    body: [
      `We met on Saturday for the ${topic}, and ${n % 17} more people came than last time. The weather held until two, which is all anyone can ask of a Saturday in this town.`,
      '## What we did',
      '- set up the tables by the gate\n- sorted the donations into *keep*, *mend* and *recycle*\n- drank a great deal of tea',
      `Thanks to everyone who helped carry things. There is a [list of what we still need](https://example.org/needs/${n}), and it is never short. If you can lend a ladder, **please** say so.`,
      'Next time we will start an hour later, put a sign up at the corner for people coming from the bus stop, and bring more chairs.',
    ].join('\n\n'),
    status: 'ready',
    link: '',
    imageUrl: '',
    imageAlt: '',
    updatedAt: `${date}T18:00:00.000Z`,
  };
}

/** The blog the benchmark renders: 200 posts and an About page. */
export function blogOf200(): RenderInput {
  return {
    template: 'blog',
    site: { name: 'bench', url: 'https://bench.oak.example', ownerDid: 'did:plc:benchbenchbench' },
    neighborhood: { name: 'Oak Street', url: 'https://oak.example' },
    settings: sample.settings,
    items: [...Array.from({ length: POSTS }, (_, n) => post(n)), sample.items.at(-1)!],
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

const ms = (value: number) => `${Math.round(value)} ms`;

/** Cold and warm render times of a 200-post blog, and its heaviest page. */
export async function measureRender(): Promise<Row[]> {
  const input = blogOf200();
  const cold = await timed(() => render(input));
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push((await timed(() => render(input))).ms);
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)]!;

  const pages = cold.result.filter((f) => f.path.endsWith('.html'));
  const heaviest = pages
    .map((f) => ({ path: f.path, gzip: gzipSync(f.body).byteLength }))
    .reduce((a, b) => (b.gzip > a.gzip ? b : a));

  return [
    {
      name: `render ${POSTS}-post blog, cold`,
      value: ms(cold.ms),
      budget: `< ${RENDER_BUDGET_MS} ms`,
      ok: cold.ms < RENDER_BUDGET_MS,
      detail: `${cold.result.length} files, first render in this process`,
    },
    {
      name: `render ${POSTS}-post blog, warm median`,
      value: ms(median),
      budget: `< ${RENDER_BUDGET_MS} ms`,
      ok: median < RENDER_BUDGET_MS,
      detail: `min ${ms(warm[0]!)}, max ${ms(warm.at(-1)!)} (n=${WARM_RUNS})`,
    },
    {
      name: `site page / gzip, heaviest of ${POSTS}-post blog`,
      value: kib(heaviest.gzip),
      budget: `< ${kib(SITE_PAGE_BUDGET)}`,
      ok: heaviest.gzip < SITE_PAGE_BUDGET,
      detail: `${heaviest.path} of ${pages.length} pages`,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  measureRender()
    .then((rows) => printTable('Site rendering (budgets from DESIGN.md, "Budgets")', rows))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
