/**
 * The two outside validators the pages must pass, run here as an auditor
 * would: the Nu Html Checker (the `vnu-jar` package, run with the machine's
 * Java) over the HTML exactly as it was served, and axe-core in the browser
 * over the page as it was rendered. Missing Java fails with the one line
 * that says what to install: a check that cannot run must never pass.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

/** The WCAG levels the pages are held to: A and AA, of every WCAG version axe knows. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const JAVA_MISSING =
  'Java is not installed; the Nu Html Checker needs Java 17 or later. Install it with: apt-get install -y openjdk-17-jre-headless';

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/** One problem the checker found, named by the page it was found on. */
export interface HtmlError {
  page: string;
  line?: number;
  message: string;
  extract?: string;
}

function runVnu(files: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', ...files],
      { timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new Error(JAVA_MISSING));
        } else if (error) {
          reject(new Error(`the Nu Html Checker failed: ${error.message}\n${stderr}`));
        } else {
          resolve(stderr);
        }
      },
    );
  });
}

/**
 * Every error the Nu Html Checker finds in `pages` (name → HTML as served).
 * Its warnings ("info" messages) are left out: they are advice, such as a
 * `<section>` without a heading or a redundant `role`, not invalid HTML.
 */
export async function htmlErrors(pages: Map<string, string>): Promise<HtmlError[]> {
  const folder = mkdtempSync(join(tmpdir(), 'nbhd-vnu-'));
  try {
    const byFile = new Map<string, string>();
    let n = 0;
    for (const [name, html] of pages) {
      const file = join(folder, `${++n}.html`);
      writeFileSync(file, html);
      byFile.set(file, name);
    }
    // Paths, not file: URLs (a URL it is given, the checker fetches, and finds nothing wrong).
    const report = JSON.parse(await runVnu([...byFile.keys()])) as { messages: VnuMessage[] };
    return report.messages
      .filter((m) => m.type !== 'info')
      .map((m) => ({
        page: byFile.get((m.url ?? '').replace(/^file:/, '')) ?? m.url ?? '?',
        line: m.lastLine,
        message: m.message,
        extract: m.extract,
      }));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One WCAG A/AA rule axe-core says the page breaks, with where. */
export interface AxeViolation {
  page: string;
  rule: string;
  help: string;
  targets: string[];
}

/** The WCAG A/AA violations axe-core finds on `page` as it stands (frames included). */
export async function axeViolations(page: Page, name: string): Promise<AxeViolation[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => ({
    page: name,
    rule: v.id,
    help: v.help,
    targets: v.nodes.map((node) => node.target.join(' ')),
  }));
}
