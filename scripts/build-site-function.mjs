#!/usr/bin/env node
/**
 * Builds the sites' viewer-request CloudFront Function from
 * `hosting/viewer-request.ts`: one file of plain JavaScript whose only
 * import is `cloudfront`, with the sites' domain and the reserved names
 * written in (CloudFront Functions have no environment). Run as a script it
 * writes `dist/hosting/viewer-request.js` for the domain in
 * `NBHD_SITES_HOST` (default `localhost`, the local site host's), its
 * not-found page linking to the front page at `NBHD_PUBLIC_URL` (default
 * `https://<sites host>/`, or the local edge's address for `localhost`);
 * infra and the tests call `buildSiteFunction` with their own, and
 * `buildNotFoundPage` for the same "No site here" page as a file.
 *
 * CloudFront wants a top-level `handler`, not an export, so the bundle's
 * closing `export { handler };` is taken off; the build fails if it is not
 * exactly there.
 */
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
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

/** A module of the repository's TypeScript, bundled and loaded here. */
async function load(entry, define = {}) {
  const code = await bundle(entry, { define });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** The reserved names, read from the core's own list. */
async function reservedNames() {
  const { reservedNames: names } = await load('core/site-address.ts');
  return [...names];
}

/** The local edge's address, where `npm start` serves the front page. */
export const LOCAL_HOME_URL = 'http://127.0.0.1:8787/';

/** `homeUrl` checked as an http(s) address and escaped for an HTML attribute. */
function homeLink(homeUrl) {
  let url;
  try {
    url = new URL(homeUrl);
  } catch {
    throw new Error(`Not an address: ${homeUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`Not an http(s) address: ${homeUrl}`);
  return url.href.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

/**
 * The function's source for sites under `sitesHost` (`oak.example`), whose
 * not-found page links to the neighborhood's front page at `homeUrl`.
 */
export async function buildSiteFunction(sitesHost, homeUrl = `https://${sitesHost}/`) {
  if (!/^[a-z0-9.-]+$/.test(sitesHost)) throw new Error(`Not a host name: ${sitesHost}`);
  const home = homeLink(homeUrl);
  const names = await reservedNames();
  const code = await bundle('hosting/viewer-request.ts', {
    external: ['cloudfront'],
    minifyWhitespace: true,
    minifySyntax: true,
    define: {
      __SITES_HOST__: JSON.stringify(sitesHost),
      __HOME_URL__: JSON.stringify(home),
      __RESERVED_NAMES__: JSON.stringify(` ${names.join(' ')} `),
    },
  });
  const ending = /export\{handler\};\s*$/;
  if (!ending.test(code))
    throw new Error('The site function bundle does not end by exporting handler.');
  return code.replace(ending, '');
}

/**
 * The "No site here" page the function answers, as a file: the distribution's custom error
 * page for a file a published site lacks (CloudFront runs no viewer-request function for it).
 */
export async function buildNotFoundPage(homeUrl) {
  const define = { __HOME_URL__: JSON.stringify(homeLink(homeUrl)) };
  const { NOT_FOUND_PAGE } = await load('hosting/not-found-page.ts', define);
  return NOT_FOUND_PAGE;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sitesHost = process.env.NBHD_SITES_HOST || 'localhost';
  const homeUrl =
    process.env.NBHD_PUBLIC_URL ||
    (sitesHost === 'localhost' ? LOCAL_HOME_URL : `https://${sitesHost}/`);
  const code = await buildSiteFunction(sitesHost, homeUrl);
  const out = join(root, 'dist', 'hosting', 'viewer-request.js');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  const bytes = Buffer.byteLength(code);
  console.log(`site function: ${bytes} bytes for *.${sitesHost} (limit ${SITE_FUNCTION_LIMIT})`);
  if (bytes > SITE_FUNCTION_LIMIT) process.exitCode = 1;
}
