/**
 * The builder's bounds: a file too large for a synchronous answer is named
 * (`too-large`), never a Lambda error; a site holding more than a site may
 * is refused as `invalid` in plain words. Against a real dynalite written
 * through the edge's own data layer, with the real renderer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBuilderConfig } from '../../builder/config';
import { builderServices, createHandler } from '../../builder/handler';
import { pickFile } from '../../builder/preview';
import type { RenderedFile } from '../../builder/render';
import {
  PREVIEW_FILE_LIMIT,
  SYNC_ANSWER_LIMIT,
  type BuilderResponse,
} from '../../core/builder-protocol';
import { itemRecord, type SiteItem } from '../../core/records/sites';
import { siteLimits } from '../../core/site-limits';
import type { Dynamo } from '../../edge/db/dynamo';
import { createItem } from '../../edge/db/items';
import { createSite } from '../../edge/db/sites';
import { LOCAL_CREDENTIALS, type LocalDynamo } from '../../scripts/local/dynamo';
import { itemContent } from '../support/item-content';
import { blogSettings, builderEnv, ownerDid, startBuilderFixture } from './builder-support';

let dynamo: LocalDynamo;
let db: Dynamo;
let handler: (event: unknown) => Promise<BuilderResponse>;

beforeAll(async () => {
  ({ dynamo, db, handler } = await startBuilderFixture());
  await createItem(
    db,
    'bees',
    itemContent({ title: 'First honey', slug: 'first-honey', body: 'Sweet.'.repeat(500) }),
  );
}, 60_000);

afterAll(() => dynamo?.close());

const file = (path: string, bytes: number): RenderedFile => ({
  path,
  contentType: 'application/rss+xml',
  body: new Uint8Array(bytes).fill(65),
});

/**
 * Writes `count` items straight to the table, as records past the editor's
 * bounds would be (the edge refuses to make them).
 */
async function putItems(site: string, count: number, changes: Partial<SiteItem> = {}) {
  const at = new Date().toISOString();
  const records = Array.from({ length: count }, (_, i): SiteItem => ({
    ...itemContent({ title: `Note ${i}`, slug: `note-${i}` }),
    ...changes,
    id: `note-${i}`,
    site,
    createdAt: at,
    updatedAt: at,
    version: 1,
  }));
  for (let i = 0; i < records.length; i += 50) {
    await Promise.all(records.slice(i, i + 50).map((r) => db.put(itemRecord(r))));
  }
}

describe('pickFile: what a synchronous answer can carry', () => {
  it('answers a file up to the limit whole, within Lambda’s 6 MB', () => {
    const answer = pickFile(
      new Map([['feed.xml', file('feed.xml', PREVIEW_FILE_LIMIT)]]),
      '/feed.xml',
    );
    expect(answer.kind).toBe('file');
    expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThanOrEqual(SYNC_ANSWER_LIMIT);
  });

  it('names a file over the limit, its size and the limit, instead of answering it', () => {
    const big = file('feed.xml', PREVIEW_FILE_LIMIT + 1);
    expect(pickFile(new Map([['feed.xml', big]]), '/feed.xml')).toEqual({
      kind: 'too-large',
      path: '/feed.xml',
      bytes: PREVIEW_FILE_LIMIT + 1,
      limit: PREVIEW_FILE_LIMIT,
    });
  });
});

describe('the builder handler: bounds', () => {
  it('answers too-large for a page over its file limit', async () => {
    const small = createHandler(() => ({
      ...builderServices(parseBuilderConfig(builderEnv(dynamo.endpoint)), LOCAL_CREDENTIALS),
      fileLimit: 2_000,
    }));
    const answer = await small({ kind: 'preview', site: 'bees', path: '/posts/first-honey/' });
    expect(answer).toMatchObject({ kind: 'too-large', path: '/posts/first-honey/', limit: 2_000 });
    expect((answer as { bytes: number }).bytes).toBeGreaterThan(2_000);
  });

  it('refuses a site holding more entries and pages than a site may, in plain words', async () => {
    await createSite(db, { name: 'hoard', ownerDid, template: 'blog', settings: blogSettings }, 3);
    await putItems('hoard', siteLimits.items + 1);
    const answer = await handler({ kind: 'preview', site: 'hoard', path: '/' });
    expect(answer.kind).toBe('invalid');
    const { problems } = answer as { problems: string[] };
    expect(problems.join(' ')).toContain('1,001 entries and pages');
    expect(problems.join(' ')).toContain('1,000');
  }, 60_000);

  it('refuses a site holding more text than a site may', async () => {
    await createSite(db, { name: 'tomes', ownerDid, template: 'blog', settings: blogSettings }, 3);
    const body = 'x'.repeat(95_000);
    await putItems('tomes', Math.ceil(siteLimits.textBytes / body.length) + 1, { body });
    const answer = await handler({ kind: 'preview', site: 'tomes', path: '/' });
    expect(answer.kind).toBe('invalid');
    expect((answer as { problems: string[] }).problems.join(' ')).toMatch(/5 MB of text/);
  }, 60_000);
});
