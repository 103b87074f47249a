#!/usr/bin/env node
/**
 * Builds the sites' viewer-request CloudFront Function from
 * `hosting/viewer-request.ts`: one file of plain JavaScript whose only
 * import is `cloudfront`, with the sites' domain and the reserved names
 * written in (CloudFront Functions have no environment). Run as a script it
 * writes `dist/hosting/viewer-request.js` for the domain in
 * `NBHD_SITES_HOST` (default `localhost`, the local site host's); infra and
 * the tests call `buildSiteFunction` with their own.
 *
 * CloudFront wants a top-level `handler`, not an export, so the bundle's
 * closing `export { handler };` is taken off; the build fails if it is not
 * exactly there.
 */
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** CloudFront's limit on a function's code. */
export const SITE_FUNCTION_LIMIT = 10 * 1024;

async function bundle(entry, options) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    // ES2017: the runtime documents async/await but not, say, `catch` without a binding.
    target: 'es2017',
    ...options,
  });
  return result.outputFiles[0].text;
}

/** The reserved names, read from the core's own list. */
async function reservedNames() {
  const code = await bundle('core/site-address.ts', {});
  const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
  const { reservedNames: names } = await import(url);
  return [...names];
}

/** The function's source for sites under `sitesHost` (`oak.example`). */
export async function buildSiteFunction(sitesHost) {
  if (!/^[a-z0-9.-]+$/.test(sitesHost)) throw new Error(`Not a host name: ${sitesHost}`);
  const names = await reservedNames();
  const code = await bundle('hosting/viewer-request.ts', {
    external: ['cloudfront'],
    minifyWhitespace: true,
    minifySyntax: true,
    define: {
      __SITES_HOST__: JSON.stringify(sitesHost),
      __RESERVED_NAMES__: JSON.stringify(` ${names.join(' ')} `),
    },
  });
  const ending = /export\{handler\};\s*$/;
  if (!ending.test(code))
    throw new Error('The site function bundle does not end by exporting handler.');
  return code.replace(ending, '');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sitesHost = process.env.NBHD_SITES_HOST || 'localhost';
  const code = await buildSiteFunction(sitesHost);
  const out = join(root, 'dist', 'hosting', 'viewer-request.js');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  const bytes = Buffer.byteLength(code);
  console.log(`site function: ${bytes} bytes for *.${sitesHost} (limit ${SITE_FUNCTION_LIMIT})`);
  if (bytes > SITE_FUNCTION_LIMIT) process.exitCode = 1;
}
