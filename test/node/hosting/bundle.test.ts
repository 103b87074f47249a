/**
 * The built function fits CloudFront's runtime: `npm run build` writes it
 * under the 10 KB code limit, as one file whose only import is `cloudfront`
 * and which defines a top-level `handler` rather than exporting it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MemoryStore, viewerRequest } from './support';
import { isResponse } from '../../../hosting/event';
import { loadSiteFunction } from '../../../hosting/sandbox';
import {
  buildNotFoundPage,
  buildSiteFunction,
  LOCAL_HOME_URL,
  SITE_FUNCTION_LIMIT,
} from '../../../scripts/build-site-function.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('the built site function', () => {
  const build = () => {
    execFileSync(process.execPath, ['scripts/build-site-function.mjs'], {
      cwd: root,
      env: { ...process.env, NBHD_SITES_HOST: '' },
      stdio: 'pipe',
    });
    return readFileSync(`${root}/dist/hosting/viewer-request.js`, 'utf8');
  };

  it('stays under the runtime’s 10 KB and imports nothing but cloudfront', () => {
    const source = build();
    expect(SITE_FUNCTION_LIMIT).toBe(10 * 1024);
    expect(Buffer.byteLength(source)).toBeLessThan(SITE_FUNCTION_LIMIT);
    expect(source.match(/\bimport\b[^;]*;/g)).toEqual(['import cf from"cloudfront";']);
    expect(source).not.toMatch(/\brequire\s*\(|\bexport\b|\bimport\s*\(/);
    // The local site host's domain when none is given, its not-found page linking to the local edge.
    expect(source).toContain('"localhost"');
    expect(source).toContain(`<a href="${LOCAL_HOME_URL}">`);
    // Without its one import it is a plain script defining the handler.
    const script = new Script(`${source.replace('import cf from"cloudfront";', '')}\nhandler;`);
    expect(script).toBeInstanceOf(Script);
    expect(source).toMatch(/async function handler\(/);
  });

  it('links the not-found page to the front page it is given, escaped, and only http(s)', async () => {
    const source = await buildSiteFunction('oak.example', 'https://oak.example/?a=1&b="2"');
    expect(source).toContain('https://oak.example/?a=1&amp;b=%222%22');
    await expect(buildSiteFunction('oak.example', 'javascript:alert(1)')).rejects.toThrow(
      /Not an http\(s\) address/,
    );
  });

  it('makes, as a file for the distribution, the very not-found page the function answers', async () => {
    const home = 'https://oak.example/?a=1&b=2';
    const site = loadSiteFunction(await buildSiteFunction('oak.example', home), new MemoryStore());
    const answer = await site.handle(viewerRequest('nobody.oak.example', '/'));
    if (!isResponse(answer)) throw new Error('The function passed an unknown site on');
    const page = await buildNotFoundPage(home);
    expect(page).toBe(answer.body?.data);
    expect(page).toContain('<a href="https://oak.example/?a=1&amp;b=2">');
    await expect(buildNotFoundPage('javascript:alert(1)')).rejects.toThrow(/Not an http\(s\)/);
  });
});
