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
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { freeStackPorts, startLocalStack, type LocalStack } from '../../scripts/local/stack';

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
    stack = await startLocalStack(await freeStackPorts(), { quiet: true });
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

/**
 * `lynx -dump url`, or an error that says how to install lynx. With
 * `proxy`, lynx sends the request to that server as its HTTP proxy (the
 * absolute URL on the request line): how it reaches `<name>.localhost`,
 * which nothing resolves for it, through the site host itself.
 */
export function lynxDump(url: string, { proxy }: { proxy?: string } = {}): Promise<string> {
  const env = proxy ? { ...process.env, http_proxy: proxy, no_proxy: '' } : process.env;
  return new Promise((resolve, reject) => {
    execFile('lynx', ['-dump', url], { timeout: 30_000, env }, (error, stdout, stderr) => {
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

/** A dump's visible text (runs of whitespace, as lynx wraps and indents, made single spaces) and lynx's numbered list of the links in it. */
export function readLynxDump(dump: string): { text: string; links: string[] } {
  const [text = '', references = ''] = dump.split(/^References$/m);
  return {
    text: text.replace(/\s+/g, ' '),
    links: [...references.matchAll(/^\s*\d+\. (\S+)$/gm)].map((m) => m[1]!),
  };
}

/** A key for lynx's `-cmd_script`: one printable character, or a name such as `Down Arrow` or `^J`. */
export type LynxKey = string;

/** The keys that type `text` into the field lynx has selected (lynx reads a space as `0x20`). */
export function lynxTyping(text: string): LynxKey[] {
  return [...text].map((char) => (char === ' ' ? '0x20' : char));
}

/** Headers that belong to one connection, not to the request or answer passed along. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'content-encoding',
]);

function forwardedHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (HOP_BY_HOP.has(name) || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * A pass-through HTTP proxy for lynx. lynx speaks HTTP/1.0 and reads an
 * answer until the connection closes, which `wrangler dev` does only after
 * about 5 s; this proxy passes each request on unchanged (redirects are not
 * followed, cookies go both ways) and hands lynx the whole answer with its
 * length, then closes. Bytes and statuses are the app's own.
 */
async function startLynxProxy(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await fetch(req.url ?? '', {
        method: req.method,
        headers: forwardedHeaders(req.headers),
        body: chunks.length ? Buffer.concat(chunks) : undefined,
        redirect: 'manual',
      });
      const body = Buffer.from(await answer.arrayBuffer());
      const headers: Record<string, string | string[]> = {};
      answer.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name) && name !== 'set-cookie') headers[name] = value;
      });
      // Node's fetch keeps each Set-Cookie apart (the Workers types, loaded here, lack the method).
      const cookies = (answer.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
      if (cookies.length) headers['set-cookie'] = cookies;
      res.writeHead(answer.status, {
        ...headers,
        'content-length': String(body.length),
        connection: 'close',
      });
      res.end(body);
    })().catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`lynx proxy: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A lynx that carries a browser's cookies for the app, so it is signed in as that person. */
export interface LynxSession {
  /** `lynx -dump url`; `numbered` also numbers the form fields, as `[n]` before each. */
  dump(url: string, options?: { numbered?: boolean }): Promise<string>;
  /**
   * Opens `url` in lynx's ordinary, interactive mode and presses `keys` as
   * a person would (a `-cmd_script`), then quits. Every page lynx loads on
   * the way is fetched for real, forms posted and redirects followed.
   */
  drive(url: string, keys: LynxKey[]): Promise<void>;
  /** Stops the session's proxy and removes its cookie file and configuration. */
  close(): Promise<void>;
}

/**
 * Hands lynx the cookies a browser holds (for instance after a sign-in
 * through the PDS's pages, which lynx cannot do): they go into a cookie file
 * in the Netscape format lynx reads, enabled by a two-line configuration.
 * Lynx never saves cookies back. It reaches the app
 * through `startLynxProxy`, so a page takes milliseconds instead of seconds.
 */
export async function lynxSession(
  cookies: { name: string; value: string; domain: string; path: string; secure: boolean }[],
): Promise<LynxSession> {
  const proxy = await startLynxProxy();
  const folder = mkdtempSync(join(tmpdir(), 'nbhd-e2e-lynx-'));
  const cookieFile = join(folder, 'cookies');
  const config = join(folder, 'lynx.cfg');
  const expires = Math.floor(Date.now() / 1000) + 3600;
  writeFileSync(
    cookieFile,
    cookies
      .map((c) =>
        [c.domain, 'FALSE', c.path, c.secure ? 'TRUE' : 'FALSE', expires, c.name, c.value].join(
          '\t',
        ),
      )
      .join('\n') + '\n',
  );
  // Only what differs from lynx's built-in defaults: read cookies from the file.
  writeFileSync(config, 'PERSISTENT_COOKIES:TRUE\nACCEPT_ALL_COOKIES:TRUE\n');
  const common = [
    `-cfg=${config}`,
    `-cookie_file=${cookieFile}`,
    '-cookie_save_file=/dev/null',
    '-nopause',
  ];
  const run = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const child = execFile(
        'lynx',
        [...common, ...args],
        {
          timeout: 120_000,
          env: { ...process.env, TERM: 'vt100', http_proxy: proxy.url, no_proxy: '' },
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(new Error('lynx is not installed; install it with: apt-get install -y lynx'));
          } else if (error) {
            reject(new Error(`lynx ${args.join(' ')} failed: ${error.message}\n${stderr}`));
          } else {
            resolve(stdout);
          }
        },
      );
      // Keys come from the script alone, never from a terminal.
      child.stdin?.end();
    });
  let scripts = 0;
  return {
    dump: (url, { numbered = false } = {}) =>
      run([...(numbered ? ['-number_fields'] : []), '-dump', url]),
    drive: async (url, keys) => {
      const script = join(folder, `keys-${++scripts}`);
      writeFileSync(script, [...keys.map((key) => `key ${key}`), 'exit', ''].join('\n'));
      await run([`-cmd_script=${script}`, url]);
    },
    close: async () => {
      await proxy.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
