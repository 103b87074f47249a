/**
 * The sandbox is as bare as CloudFront's runtime: a function that reaches
 * for timers, the network, Node or `eval` fails here as it would there, and
 * the `cloudfront` stand-in's store throws for a missing key.
 */
import { describe, expect, it } from 'vitest';
import { loadSiteFunction } from '../../../hosting/sandbox';
import { MemoryStore, viewerRequest } from './support';

/** A function body as the build writes it, with `handler` returning `expression`. */
const source = (body: string) =>
  `import cf from"cloudfront";async function handler(event){${body}}`;

async function outcome(body: string, store = new MemoryStore()) {
  const site = loadSiteFunction(source(body), store);
  try {
    return { value: await site.handle(viewerRequest('alice.oak.example', '/')) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('the site function sandbox', () => {
  it('has no timers, network, Node globals or code generation', async () => {
    for (const name of ['setTimeout', 'setInterval', 'fetch', 'require', 'process', 'Buffer']) {
      expect(await outcome(`return typeof ${name};`), name).toEqual({ value: 'undefined' });
    }
    expect((await outcome('return eval("1");')).error).toMatch(/code generation/i);
  });

  it('gives kvs().get the value, and throws for a missing key', async () => {
    const store = new MemoryStore().set('alice', '{"deploy":"d1"}');
    expect(await outcome('return await cf.kvs().get("alice");', store)).toEqual({
      value: '{"deploy":"d1"}',
    });
    expect(await outcome('return await cf.kvs().get("carol");', store)).toEqual({
      error: 'Key not found: carol',
    });
  });

  it('refuses a source that imports anything else', () => {
    const store = new MemoryStore();
    expect(() => loadSiteFunction('async function handler(e){return e}', store)).toThrow(
      /cloudfront/,
    );
    expect(() => loadSiteFunction(`${source('return 1;')}import x from"node:fs";`, store)).toThrow(
      /nothing but cloudfront/,
    );
  });
});
