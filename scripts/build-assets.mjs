#!/usr/bin/env node
/**
 * Builds the Worker's static assets: the stylesheet, htmx, the icon and the gallery's
 * pictures, each under a content-hashed name so browsers may cache them
 * forever, plus the
 * `_headers` rules that say so. Writes `dist/asset-manifest.json`, which the
 * edge imports to link the current names. Wrangler runs this before
 * `wrangler dev` and `wrangler deploy`; `npm test` runs it first too.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'assets');

const sources = {
  'style.css': join(root, 'views', 'assets', 'style.css'),
  'htmx.js': join(root, 'node_modules', 'htmx.org', 'dist', 'htmx.min.js'),
  'favicon.svg': join(root, 'views', 'assets', 'favicon.svg'),
};
// The gallery's picture of each template's sample (scripts/template-pictures.ts makes them).
const pictures = join(root, 'views', 'assets', 'templates');
for (const file of readdirSync(pictures)
  .filter((f) => f.endsWith('.jpg'))
  .sort()) {
  sources[`template-${file}`] = join(pictures, file);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });

const manifest = {};
for (const [name, path] of Object.entries(sources)) {
  const bytes = readFileSync(path);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  const hashed = `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
  writeFileSync(join(out, hashed), bytes);
  manifest[name] = hashed;
}

writeFileSync(
  join(out, '_headers'),
  [
    '/assets/*',
    '  Cache-Control: public, max-age=31536000, immutable',
    '  X-Content-Type-Options: nosniff',
    '',
  ].join('\n'),
);
writeFileSync(join(root, 'dist', 'asset-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`assets: ${Object.values(manifest).join(', ')}`);
