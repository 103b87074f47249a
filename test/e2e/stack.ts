/**
 * The shared set-up for the end-to-end journeys: one whole local stack
 * (dynalite, local PLC + PDS with the demo accounts, the edge under
 * `wrangler dev`) on free ports, and one headless Chromium, started once per
 * test file and closed again in `afterAll`.
 *
 * The app must be opened at `http://127.0.0.1:<port>`: the loopback OAuth
 * client's redirect URI uses 127.0.0.1. The PDS's own pages live on
 * `http://localhost:<pdsPort>`, a different origin.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../scripts/local/stack';
import { freePort } from '../../scripts/local/ports';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2E {
  stack: LocalStack;
  /** Absent when the file asked for `{ browser: false }`. */
  browser: Browser;
  /** The app's origin, `http://127.0.0.1:<port>`. */
  appUrl: string;
  /** The PDS's origin as the browser sees it, `http://localhost:<port>`. */
  pdsUrl: string;
}

function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}; the end-to-end tests need it. Install it with: apt-get install -y chromium`,
    );
  }
}

/**
 * Registers `beforeAll`/`afterAll` hooks for the file and returns an object
 * whose fields are filled in once the stack is up (read them inside tests).
 */
export function useStack({ browser: wantBrowser = true } = {}): E2E {
  const e2e = {} as E2E;
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (wantBrowser) {
      // Before the stack: if Chromium is missing, say so without waiting for anything.
      assertChromium();
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    }
    stack = await startLocalStack(
      {
        edge: await freePort(),
        dynamo: await freePort(),
        plc: await freePort(),
        pds: await freePort(),
        builder: await freePort(),
        sites: await freePort(),
      },
      { quiet: true },
    );
    if (!stack.edge) throw new Error('the local stack started without the edge Worker');
    Object.assign(e2e, {
      stack,
      browser,
      appUrl: stack.edge.url,
      pdsUrl: new URL(stack.pdsUrl).origin,
    });
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stack?.close();
  });

  return e2e;
}

/**
 * A Chromium with its own profile in which JavaScript is blocked for
 * `origin` only, through the browser's real per-site setting (the one a
 * person sets under Settings → Privacy → Site settings → JavaScript). Every
 * other origin, the PDS's included, keeps JavaScript. `close` also removes
 * the profile.
 */
export async function launchWithJavaScriptBlockedFor(
  origin: string,
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), 'nbhd-e2e-chromium-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({
      profile: {
        content_settings: { exceptions: { javascript: { [`${origin},*`]: { setting: 2 } } } },
      },
    }),
  );
  const remove = () => rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * Whether scripts run on `origin` in `context`: opens a page there that the
 * test serves itself (neither the app nor the PDS sees the request), with
 * one inline script that changes its text.
 */
export async function javaScriptRunsOn(context: BrowserContext, origin: string): Promise<boolean> {
  const page = await context.newPage();
  try {
    const url = `${origin}/__e2e-javascript-probe`;
    await page.route(url, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<p id="probe">script did not run</p><script>document.getElementById("probe").textContent = "script ran"</script>',
      }),
    );
    await page.goto(url);
    return (await page.locator('#probe').textContent()) === 'script ran';
  } finally {
    await page.close();
  }
}

/** `lynx -dump url`, or an error that says how to install lynx. */
export function lynxDump(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('lynx', ['-dump', url], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(
          new Error(
            'lynx is not installed; the end-to-end tests need it. Install it with: apt-get install -y lynx',
          ),
        );
      } else if (error) {
        reject(new Error(`lynx -dump ${url} failed: ${error.message}\n${stderr}`));
      } else {
        resolve(stdout);
      }
    });
  });
}
