/**
 * The builder's Lambda handler: reading a site from a real dynalite
 * (written through the edge's own data layer), rendering it with the real
 * renderer, and refusing requests it does not understand at the door. How
 * it is reached over HTTP is builder-invoke.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBuilderConfig } from '../../builder/config';
import { builderServices } from '../../builder/handler';
import { loadRenderInput } from '../../builder/load';
import { clearRenderCache, renderSite } from '../../builder/preview';
import { render, type RenderInput } from '../../builder/render';
import type { BuilderResponse } from '../../core/builder-protocol';
import type { Dynamo } from '../../edge/db/dynamo';
import { createItem, trashItem } from '../../edge/db/items';
import { createSite } from '../../edge/db/sites';
import type { SiteItem } from '../../core/records/sites';
import { LOCAL_CREDENTIALS, type LocalDynamo } from '../../scripts/local/dynamo';
import { itemContent } from '../support/item-content';
import { blogSettings, builderEnv, ownerDid, startBuilderFixture } from './builder-support';

let dynamo: LocalDynamo;
let db: Dynamo;
let handler: (event: unknown) => Promise<BuilderResponse>;
let ready: SiteItem;
let about: SiteItem;
let draft: SiteItem;
let trashed: SiteItem;

const decode = (r: BuilderResponse) => {
  if (r.kind !== 'file') throw new Error(`expected a file, got ${JSON.stringify(r)}`);
  return Buffer.from(r.body, 'base64');
};
const preview = (path: string, extra: object = {}) =>
  handler({ kind: 'preview', site: 'bees', path, ...extra });

beforeAll(async () => {
  ({ dynamo, db, handler } = await startBuilderFixture());
  ready = await createItem(
    db,
    'bees',
    itemContent({ title: 'First honey', slug: 'first-honey', date: '2026-05-02', tags: ['honey'] }),
  );
  about = await createItem(
    db,
    'bees',
    itemContent({ kind: 'page', title: 'About the hives', slug: 'about', date: '2026-04-01' }),
  );
  draft = await createItem(
    db,
    'bees',
    itemContent({ title: 'Secret queen plans', slug: 'queen-plans', status: 'draft' }),
  );
  trashed = await createItem(
    db,
    'bees',
    itemContent({ title: 'Swarm lost', slug: 'swarm-lost', date: '2026-04-20' }),
  );
  await trashItem(db, 'bees', trashed.id);
}, 60_000);

afterAll(() => dynamo?.close());

/** What the builder should render for the bees site: written out by hand from the records above. */
function expectedInput(...extra: SiteItem[]): RenderInput {
  const item = (i: SiteItem) => ({
    kind: i.kind,
    title: i.title,
    slug: i.slug,
    date: i.date,
    tags: i.tags,
    summary: i.summary,
    body: i.body,
    status: 'ready' as const,
    link: i.link,
    imageUrl: i.imageUrl,
    imageAlt: i.imageAlt,
    updatedAt: i.updatedAt,
  });
  return {
    template: 'blog',
    site: { name: 'bees', url: 'http://bees.localhost:8788', ownerDid },
    neighborhood: { name: 'Oak Street', url: 'http://127.0.0.1:8787' },
    settings: blogSettings,
    items: [ready, about, ...extra].map(item),
    // The site has no pictures (test/node/publish/pictures.test.ts reads one).
    pictures: [],
  };
}

const bySlug = (input: RenderInput) => ({
  ...input,
  items: [...input.items].sort((a, b) => a.slug.localeCompare(b.slug)),
});

describe('loadRenderInput', () => {
  it('reads the site, its ready items and the neighborhood, leaving drafts and the trash out', async () => {
    const { dynamo: client, config } = builderServices(
      parseBuilderConfig(builderEnv(dynamo.endpoint)),
      LOCAL_CREDENTIALS,
    );
    const input = await loadRenderInput(client, config, 'bees');
    expect(bySlug(input!)).toEqual(bySlug(expectedInput()));
  });

  it('adds the named draft as if it were ready, and nothing for a trashed or unknown one', async () => {
    const { dynamo: client, config } = builderServices(
      parseBuilderConfig(builderEnv(dynamo.endpoint)),
      LOCAL_CREDENTIALS,
    );
    const input = await loadRenderInput(client, config, 'bees', { draft: draft.id });
    expect(bySlug(input!)).toEqual(bySlug(expectedInput(draft)));
    expect(await loadRenderInput(client, config, 'bees', { draft: trashed.id })).toBeUndefined();
    expect(await loadRenderInput(client, config, 'bees', { draft: 'nope' })).toBeUndefined();
  });
});

describe('the builder handler: preview requests', () => {
  it('answers the front page with ready posts only, byte for byte what render() makes', async () => {
    const answer = await preview('/');
    expect(answer).toMatchObject({ kind: 'file', status: 200 });
    const html = decode(answer).toString('utf8');
    expect(html).toContain('First honey');
    expect(html).not.toContain('Secret queen plans');
    expect(html).not.toContain('Swarm lost');

    const files = await render(expectedInput());
    const index = files.find((f) => f.path === 'index.html')!;
    expect(answer).toMatchObject({ contentType: index.contentType });
    expect(decode(answer).equals(Buffer.from(index.body))).toBe(true);
  });

  it('serves folders by their index.html and files by their exact path', async () => {
    const files = await render(expectedInput());
    for (const [path, file] of [
      ['/posts/first-honey/', 'posts/first-honey/index.html'],
      ['/about/', 'about/index.html'],
      ['/sitemap.xml', 'sitemap.xml'],
      ['/.well-known/atproto-did', '.well-known/atproto-did'],
    ] as const) {
      const expected = files.find((f) => f.path === file);
      expect(expected, file).toBeDefined();
      const answer = await preview(path);
      expect(answer, path).toMatchObject({ kind: 'file', status: 200 });
      expect(decode(answer).equals(Buffer.from(expected!.body)), path).toBe(true);
    }
    expect(
      decode(await preview('/.well-known/atproto-did'))
        .toString()
        .trim(),
    ).toBe(ownerDid);
  });

  it('includes a named draft as if it were ready', async () => {
    const answer = await preview('/', { draft: draft.id });
    expect(decode(answer).toString()).toContain('Secret queen plans');
    expect(await preview('/posts/queen-plans/', { draft: draft.id })).toMatchObject({
      kind: 'file',
      status: 200,
    });
    expect(await preview('/posts/queen-plans/')).toMatchObject({ kind: 'file', status: 404 });
  });

  it('answers no-site for a trashed draft, an unknown draft and an unknown site', async () => {
    expect(await preview('/', { draft: trashed.id })).toEqual({ kind: 'no-site' });
    expect(await preview('/', { draft: 'no-such-item' })).toEqual({ kind: 'no-site' });
    expect(await handler({ kind: 'preview', site: 'nobody', path: '/' })).toEqual({
      kind: 'no-site',
    });
  });

  it('answers a path with no file with the site’s own 404 page and status 404', async () => {
    const files = await render(expectedInput());
    const notFound = files.find((f) => f.path === '404.html')!;
    for (const path of ['/no/such/page/', '/posts/swarm-lost/', '/%E0%A4%A', '/../index.html']) {
      const answer = await preview(path);
      expect(answer, path).toMatchObject({ kind: 'file', status: 404 });
      expect(decode(answer).equals(Buffer.from(notFound.body)), path).toBe(true);
    }
  });

  it('redirects a folder asked for without its trailing slash', async () => {
    expect(await preview('/posts/first-honey')).toEqual({
      kind: 'redirect',
      path: '/posts/first-honey/',
    });
  });

  it('answers settings that do not fit the template with the problems in plain words', async () => {
    await createSite(
      db,
      { name: 'broken', ownerDid, template: 'blog', settings: { ...blogSettings, accent: 'red' } },
      3,
    );
    const answer = await handler({ kind: 'preview', site: 'broken', path: '/' });
    expect(answer.kind).toBe('invalid');
    const { problems } = answer as { problems: string[] };
    expect(problems.some((p) => /colour/i.test(p))).toBe(true);
  });
});

describe('the builder handler: samples and bad requests', () => {
  it('renders each template’s sample site', async () => {
    for (const template of ['blog', 'showcase', 'newsletter']) {
      const answer = await handler({ kind: 'sample', template, path: '/' });
      expect(answer, template).toMatchObject({ kind: 'file', status: 200 });
      expect(decode(answer).toString()).toContain('Oak Street');
    }
  });

  it('answers a request it does not understand with a clear message', async () => {
    expect(await handler({ kind: 'rebuild-everything', site: 'bees' })).toEqual({
      kind: 'bad-request',
      message: 'unknown request kind "rebuild-everything"',
    });
    expect(await handler({ kind: 'publish', site: 'bees' })).toEqual({
      kind: 'bad-request',
      message: 'malformed publish request: deploy is missing',
    });
    expect(await handler(null)).toEqual({
      kind: 'bad-request',
      message: 'the request must be a JSON object',
    });
    expect(await handler({ kind: 'preview', site: 'bees' })).toEqual({
      kind: 'bad-request',
      message: 'malformed preview request: path is missing',
    });
    expect(await handler({ kind: 'sample', template: 'wiki', path: '/' })).toEqual({
      kind: 'bad-request',
      message: 'malformed sample request: unknown template',
    });
  });

  it.each([
    { what: 'an array', event: [], message: 'the request must be a JSON object' },
    { what: 'a string', event: 'preview', message: 'the request must be a JSON object' },
    { what: 'no kind', event: { site: 'bees', path: '/' }, message: 'unknown request kind null' },
    {
      what: 'a kind that is no string',
      event: { kind: 7, path: '/' },
      message: 'unknown request kind 7',
    },
    {
      what: 'a preview without a site',
      event: { kind: 'preview', path: '/' },
      message: 'malformed preview request: site is missing',
    },
    {
      what: 'a bad site name and a relative path',
      event: { kind: 'preview', site: 'Bees!', path: 'posts' },
      message: 'malformed preview request: site is not a site name; path must start with /',
    },
    {
      what: 'a path too long',
      event: { kind: 'preview', site: 'bees', path: `/${'a'.repeat(2000)}` },
      message: 'malformed preview request: path is too long',
    },
    {
      what: 'a sample without a template',
      event: { kind: 'sample', path: '/' },
      message: 'malformed sample request: unknown template',
    },
  ])('answers $what with “$message”', async ({ event, message }) => {
    expect(await handler(event)).toEqual({ kind: 'bad-request', message });
  });
});

describe('renderSite', () => {
  it('renders equal inputs once, whatever their key order, and a changed input again', async () => {
    clearRenderCache();
    const input = expectedInput();
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    const reordered = reversed(input) as RenderInput;
    const first = await renderSite(input);
    expect(await renderSite(reordered)).toBe(first);
    const changed = await renderSite({ ...input, settings: { ...blogSettings, title: 'Other' } });
    expect(changed).not.toBe(first);
  });
});
