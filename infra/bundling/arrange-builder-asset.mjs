/**
 * Lays out the builder Lambda's asset after esbuild and `npm ci` have run, so that it mirrors
 * the repository: the bundle moves from `index.mjs` to `builder/handler.mjs`, and every
 * non-TypeScript file under `templates/` (the Nunjucks layouts, CSS and data Eleventy reads at
 * run time) is copied to `templates/`. The handler can then find the templates at
 * `../templates/` from its own module both in the repository and in the Lambda.
 *
 * Plain Node, no shell tools, so the CDK command hook works on any operator's machine.
 * Usage: `node arrange-builder-asset.mjs <repository root> <asset directory>`.
 */
import { cpSync, mkdirSync, renameSync } from 'node:fs';
import { extname, join } from 'node:path';
import { argv, exit, stderr } from 'node:process';

const [root, out] = argv.slice(2);
if (!root || !out) {
  stderr.write('usage: arrange-builder-asset.mjs <repository root> <asset directory>\n');
  exit(2);
}

mkdirSync(join(out, 'builder'), { recursive: true });
renameSync(join(out, 'index.mjs'), join(out, 'builder', 'handler.mjs'));

// TypeScript modules are imported by the handler and already inside the bundle; Lambda's Node
// could not load them anyway.
cpSync(join(root, 'templates'), join(out, 'templates'), {
  recursive: true,
  filter: (source) => extname(source) !== '.ts',
});
