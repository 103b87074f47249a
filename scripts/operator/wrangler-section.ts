/**
 * Puts the generated `[env.production]` section into wrangler.toml and compares it with what is
 * there, touching nothing else: the local defaults and comments above it stay byte for byte,
 * since `npm start` and the tests read them. The section is found by its marker lines, so
 * writing it again replaces it in place and writing the same one twice changes nothing.
 */
import { SECTION_BEGIN, SECTION_END } from './production-env';

export class WranglerSectionError extends Error {
  override name = 'WranglerSectionError';
}

/** Where the written section starts and ends (after its last newline), if it is there. */
function findSection(toml: string): { start: number; end: number } | undefined {
  const start = lineStart(toml, SECTION_BEGIN);
  if (start === -1) {
    if (/^\s*\[env\.production[\].]/m.test(toml)) {
      throw new WranglerSectionError(
        `wrangler.toml has an [env.production] that \`npm run configure\` did not write; remove it (its settings come from nbhd.config.json) and run the command again`,
      );
    }
    return undefined;
  }
  const endLine = lineStart(toml.slice(start), SECTION_END);
  if (endLine === -1) {
    throw new WranglerSectionError(
      `wrangler.toml: the [env.production] section has lost its last line (${SECTION_END}); delete the section from its first line on and run the command again`,
    );
  }
  const newline = toml.indexOf('\n', start + endLine);
  return { start, end: newline === -1 ? toml.length : newline + 1 };
}

/** The offset of the line that begins with `prefix`, or -1. */
function lineStart(text: string, prefix: string): number {
  if (text.startsWith(prefix)) return 0;
  const at = text.indexOf(`\n${prefix}`);
  return at === -1 ? -1 : at + 1;
}

/** The section as it stands in `toml`, or undefined if there is none. */
export function currentSection(toml: string): string | undefined {
  const at = findSection(toml);
  return at && toml.slice(at.start, at.end);
}

/** `toml` with `section` in place of the written one, or after everything else if none is. */
export function withSection(toml: string, section: string): string {
  const at = findSection(toml);
  if (at) return toml.slice(0, at.start) + section + toml.slice(at.end);
  const gap = toml === '' ? '' : toml.endsWith('\n\n') ? '' : toml.endsWith('\n') ? '\n' : '\n\n';
  return toml + gap + section;
}

/**
 * The section's settings by dotted name (`env.production.vars.PUBLIC_URL`), each as written.
 * The section is always one `key = value` a line, so this is all the TOML it needs.
 */
function settings(section: string): Map<string, string> {
  const found = new Map<string, string>();
  let table = '';
  for (const raw of section.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      table = `${header[1]!.trim()}.`;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1) found.set(`${table}${line}`, '(not a setting)');
    else found.set(table + line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return found;
}

/**
 * How the section in `toml` differs from `expected`, one line per setting that differs (empty
 * when it is current).
 */
export function sectionDifferences(toml: string, expected: string): string[] {
  const current = currentSection(toml);
  if (current === undefined) {
    return ['wrangler.toml has no [env.production] written by `npm run configure`'];
  }
  if (current === expected) return [];
  const have = settings(current);
  const want = settings(expected);
  const differences: string[] = [];
  for (const [key, value] of want) {
    const was = have.get(key);
    if (was === undefined) differences.push(`${key} is missing; it should be ${value}`);
    else if (was !== value) differences.push(`${key} is ${was}; it should be ${value}`);
  }
  for (const [key, value] of have) {
    if (!want.has(key)) differences.push(`${key} = ${value} should not be there`);
  }
  return differences.length ? differences : ['its comments or layout were edited'];
}
