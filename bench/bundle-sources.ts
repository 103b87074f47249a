/**
 * Where each line of the bundled Worker came from, read from the `// path`
 * comment esbuild writes before each module, so that a profile's bundle
 * locations can be added up by origin: nbhd's own code (edge, views, core,
 * templates), each package (hono's JSX renderer apart from the rest of
 * hono), and the runtime.
 */
import { readFileSync } from 'node:fs';

/** The origin of a source path: `nbhd`, or the package it belongs to. */
export function originOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)/.exec(path);
  if (!match) return 'nbhd';
  const [, pkg, rest] = match;
  return pkg === 'hono' && rest!.startsWith('dist/jsx/') ? 'hono/jsx' : pkg!;
}

/** Looks up the origin of a (1-based) line of `script`; lines before any module are the runtime's. */
export function bundleOrigins(script: string): (line: number) => string {
  const starts: { line: number; origin: string }[] = [];
  readFileSync(script, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const path = /^\/\/ (\S+\.(?:[cm]?[jt]sx?|json))$/.exec(text)?.[1];
      if (path) starts.push({ line: i + 1, origin: originOf(path) });
    });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found = 'runtime';
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.origin;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  };
}
