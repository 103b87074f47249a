/**
 * Preview latency for a 200-post blog, measured the way the edge sees it:
 * signed Invoke calls (the edge's own client) to the builder behind its
 * local Lambda-invoke endpoint, reading a real dynalite. "Cold" is the
 * first request after the endpoint starts with nothing rendered yet (read
 * the site, render all of it, answer one page); "warm" is the median of 20
 * requests for different pages of the same site, which the render cache
 * answers without rendering again. DESIGN.md's budget: one page under 1 s
 * warm. A new Lambda also pays for loading the builder's code once; that
 * is not in these figures.
 *
 * Part of `npm run bench`; also runnable alone: `npx tsx bench/preview.ts`.
 */
import { pathToFileURL } from 'node:url';
import { parseBuilderConfig } from '../builder/config';
import { builderServices, createHandler } from '../builder/handler';
import { clearRenderCache } from '../builder/preview';
import { invokeBuilder } from '../edge/builder';
import { createItem } from '../edge/db/items';
import { saveNeighborhood } from '../edge/db/neighborhood';
import { createSite } from '../edge/db/sites';
import { startLocalBuilder } from '../scripts/local/builder';
import { demoNeighborhood, localDynamo } from '../scripts/local/demo';
import {
  createTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
} from '../scripts/local/dynamo';
import { freePort } from '../scripts/local/ports';
import { findTemplate } from '../templates';
import { defaultSettings } from '../templates/settings';
import { printTable, type Row } from './table';

export const POSTS = 200;
export const WARM_BUDGET_MS = 1000;
/** DESIGN.md's build budget for a 200-post blog: the cold preview renders the whole site. */
export const COLD_BUDGET_MS = 3000;
const WARM_REQUESTS = 20;
const FUNCTION = 'nbhd-builder-bench';
const TAGS = ['garden', 'bees', 'honey', 'bikes', 'river', 'market', 'kids', 'repair'];

/** A post of the length and shape neighbors write: a few paragraphs, a list, a link. */
export function post(n: number) {
  const day = new Date(Date.UTC(2024, 0, 1) + n * 3 * 86_400_000).toISOString().slice(0, 10);
  const paragraph =
    'The lane was quiet this morning, apart from the bees working the lavender by number 12. ' +
    'Someone has fixed the bench by the river, and the market starts again on Saturday.';
  return {
    kind: 'entry' as const,
    title: `Notes from the street, part ${n + 1}`,
    slug: `notes-${n + 1}`,
    date: day,
    tags: [TAGS[n % TAGS.length]!, TAGS[(n * 3 + 1) % TAGS.length]!],
    summary: `What happened on Oak Street in week ${n + 1}.`,
    body: [
      `## Week ${n + 1}`,
      paragraph,
      '- bread from the corner bakery\n- a spare bicycle pump\n- seeds to swap',
      `More on the [neighborhood page](https://oak.example/) and in part ${n}.`,
      paragraph,
    ].join('\n\n'),
    status: 'ready' as const,
    link: '',
    imageUrl: '',
    imageAlt: '',
  };
}

const ms = (n: number) => `${Math.round(n)} ms`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Starts dynalite and the local builder, seeds a 200-post blog, and measures its preview. */
export async function measurePreview(log: (line: string) => void = () => {}): Promise<Row[]> {
  const dynamo = await startDynalite(await freePort());
  try {
    const table = 'nbhd-bench';
    await createTable(dynamo.endpoint, table);
    const db = localDynamo(dynamo.endpoint, table);
    await saveNeighborhood(db, demoNeighborhood, 0);
    log(`Seeding a ${POSTS}-post blog…`);
    const blog = findTemplate('blog')!;
    await createSite(
      db,
      {
        name: 'notes',
        ownerDid: 'did:plc:benchbenchbenchbenchbenc',
        template: 'blog',
        settings: { ...defaultSettings(blog.settings), title: 'Notes from Oak Street' },
      },
      1,
    );
    for (let i = 0; i < POSTS; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, POSTS - i) }, (_, k) =>
          createItem(db, 'notes', post(i + k)),
        ),
      );
    }

    const vars = {
      DYNAMODB_TABLE: table,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: LOCAL_REGION,
      SITES_URL: 'http://localhost:8788',
      PUBLIC_URL: 'http://127.0.0.1:8787',
    };
    clearRenderCache();
    const builder = await startLocalBuilder({
      port: 0,
      functionName: FUNCTION,
      handler: createHandler(() => builderServices(parseBuilderConfig(vars), LOCAL_CREDENTIALS)),
    });
    try {
      const config = {
        builder: {
          endpoint: builder.url,
          functionName: FUNCTION,
          region: LOCAL_REGION,
          ...LOCAL_CREDENTIALS,
        },
      };
      const page = async (path: string) => {
        const started = performance.now();
        const answer = await invokeBuilder(
          config,
          { kind: 'preview', site: 'notes', path },
          { timeoutMs: 60_000 },
        );
        if (answer.kind !== 'file' || answer.status !== 200) {
          throw new Error(`preview of ${path} answered ${answer.kind}`);
        }
        return performance.now() - started;
      };

      log('Measuring preview latency (cold, then warm)…');
      const cold = await page('/');
      const paths = ['/', '/archive/', '/tags/bees/', '/feed.xml'];
      for (let i = paths.length; i < WARM_REQUESTS; i++) paths.push(`/posts/notes-${i * 9 + 1}/`);
      const warm: number[] = [];
      for (const path of paths) warm.push(await page(path));
      warm.sort((a, b) => a - b);
      const median = percentile(warm, 50);
      return [
        {
          name: `preview / cold (${POSTS} posts)`,
          value: ms(cold),
          budget: ms(COLD_BUDGET_MS),
          ok: cold < COLD_BUDGET_MS,
          detail: 'first request: read the site, render every page, answer /',
        },
        {
          name: `preview / warm p50 (${POSTS} posts)`,
          value: ms(median),
          budget: ms(WARM_BUDGET_MS),
          ok: median < WARM_BUDGET_MS,
          detail: `${WARM_REQUESTS} pages; p95 ${ms(percentile(warm, 95))}, max ${ms(warm.at(-1)!)}`,
        },
      ];
    } finally {
      await builder.close();
    }
  } finally {
    await dynamo.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  measurePreview((line) => console.log(line))
    .then((rows) => printTable('nbhd preview latency (budgets from DESIGN.md, "Budgets")', rows))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
