/**
 * The static-asset build: content-hashed names in the manifest the edge
 * links from, the files themselves, and immutable caching rules for them.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/local/edge';

describe('scripts/build-assets.mjs', () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-assets.mjs')], { stdio: 'ignore' });
  const manifest = JSON.parse(readFileSync(join(root, 'dist', 'asset-manifest.json'), 'utf8'));

  it('names each asset by a hash of its content', () => {
    const css = readFileSync(join(root, 'views', 'assets', 'style.css'));
    const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);
    expect(manifest['style.css']).toBe(`/assets/style.${hash}.css`);
    expect(readFileSync(join(root, 'dist', 'assets', manifest['style.css']))).toEqual(css);
    expect(manifest['htmx.js']).toMatch(/^\/assets\/htmx\.[0-9a-f]{12}\.js$/);
  });

  it('tells browsers to cache assets forever', () => {
    const headers = readFileSync(join(root, 'dist', 'assets', '_headers'), 'utf8');
    expect(headers).toContain('/assets/*\n  Cache-Control: public, max-age=31536000, immutable');
  });
});
