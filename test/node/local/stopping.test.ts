/**
 * `npm start` stops everything it started even when npm itself is killed
 * (which passes no signal on): the script notices that a process it was
 * started under has gone. And a `wrangler dev` left by a start that was
 * killed outright is stopped by the next start, while a recorded id that
 * now belongs to another program is left alone. Real processes throughout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { clearLeftoverEdge, edgeEnvFile, recordEdge } from '../../../scripts/local/leftovers';
import { freePort } from '../../../scripts/local/ports';

const dir = mkdtempSync(join(tmpdir(), 'nbhd-stopping-'));
const ancestorsModule = fileURLToPath(
  new URL('../../../scripts/local/ancestors.ts', import.meta.url),
);
const s3Module = fileURLToPath(new URL('../../../scripts/local/s3.ts', import.meta.url));
const started: ChildProcess[] = [];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, ms = 8000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/** A long-running process in a group of its own whose command line says `name`. */
function longRunning(name: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', name], {
    detached: true,
    stdio: 'ignore',
  });
  started.push(child);
  return child;
}

afterAll(() => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

describe('a start killed outright', () => {
  it('leaves a wrangler dev that the next start stops, with its env file', async () => {
    const leftover = longRunning('wrangler.js dev --port=1');
    writeFileSync(edgeEnvFile(dir, 1), 'SESSION_SECRET="x"');
    recordEdge(dir, 1, leftover.pid!);
    expect(await clearLeftoverEdge(dir, 1)).toBe(true);
    expect(await until(() => !alive(leftover.pid!))).toBe(true);
    expect(existsSync(edgeEnvFile(dir, 1))).toBe(false);
  });

  it('leaves alone a recorded id that is now another program', async () => {
    const other = longRunning('an-editor');
    recordEdge(dir, 2, other.pid!);
    expect(await clearLeftoverEdge(dir, 2)).toBe(false);
    expect(alive(other.pid!)).toBe(true);
  });
});

describe('npm killed without passing the signal on', () => {
  it('is noticed by the script it started, which then stops', async () => {
    // A stand-in for npm: it starts the watching script and is then killed outright.
    const script = join(dir, 'watch.mjs');
    writeFileSync(
      script,
      `import { whenAncestorExits } from ${JSON.stringify(ancestorsModule)};
       whenAncestorExits(() => process.exit(0), 100);
       setInterval(() => {}, 1000);`,
    );
    const npm = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(script)}], { stdio: 'ignore' });
         console.log(c.pid); setInterval(() => {}, 1000);`,
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    started.push(npm);
    const pid = Number(
      await new Promise<string>((resolve) =>
        npm.stdout!.once('data', (d: Buffer) => resolve(`${d}`)),
      ),
    );
    expect(await until(() => alive(pid))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(alive(pid)).toBe(true);
    process.kill(npm.pid!, 'SIGKILL');
    expect(await until(() => !alive(pid))).toBe(true);
  });
});

describe('the local S3 of a start killed outright', () => {
  it('stops with it instead of being left running', async () => {
    const script = join(dir, 's3.mjs');
    writeFileSync(
      script,
      `import { startLocalS3 } from ${JSON.stringify(s3Module)};
       const s3 = await startLocalS3({ port: Number(process.argv[2]), bucket: 'b-test', credentials: { accessKeyId: 'k', secretAccessKey: 's' }, directory: process.argv[3] });
       console.log(s3.process.pid);
       setInterval(() => {}, 1000);`,
    );
    const port = await freePort();
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', script, String(port), join(dir, 's3')],
      {
        detached: true,
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    started.push(parent);
    const s3Pid = Number(
      await new Promise<string>((resolve) =>
        parent.stdout!.once('data', (d: Buffer) => resolve(`${d}`)),
      ),
    );
    expect(alive(s3Pid)).toBe(true);
    process.kill(parent.pid!, 'SIGKILL');
    expect(await until(() => !alive(s3Pid))).toBe(true);
  });
});
