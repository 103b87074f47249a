/**
 * `npm test` first makes sure Chromium, lynx and Java are there (the
 * programs npm cannot bring). Its boundary is the OS package manager, so
 * these run it against a PATH of stub programs: an `apt-get` that writes
 * down what it was asked and "installs" a stub for each package.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NEEDS, plan, provision } from '../../scripts/test-machine.mjs';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function stub(dir: string, name: string, body = 'exit 0'): void {
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
}

/** A folder to be the whole PATH, holding `present` and, if asked, a recording apt-get. */
function fakePath(present: string[], { apt = false, aptFails = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'nbhd-path-'));
  dirs.push(dir);
  present.forEach((name) => stub(dir, name));
  const calls = join(dir, 'apt-calls');
  if (apt) {
    const installs = NEEDS.map(
      (need) =>
        `    ${need.pkg}) printf '#!/bin/sh\\n' > "${dir}/${need.command}"; /bin/chmod 755 "${dir}/${need.command}" ;;`,
    ).join('\n');
    const loop = aptFails
      ? 'exit 100'
      : `[ "$1" = install ] && for arg in "$@"; do\n  case "$arg" in\n${installs}\n  esac\ndone\nexit 0`;
    stub(dir, 'apt-get', `echo "$DEBIAN_FRONTEND $*" >> "${calls}"\n${loop}`);
  }
  const aptCalls = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []);
  return { env: { PATH: dir }, has: (name: string) => existsSync(join(dir, name)), aptCalls };
}

function quietly(env: Record<string, string>, root: boolean) {
  const lines: string[] = [];
  const code = provision({ env, root, log: (line) => lines.push(line) });
  return { code, said: lines.join('\n') };
}

describe('npm test: provisioning the machine', () => {
  it('does nothing when Chromium, lynx and Java are all there', () => {
    const path = fakePath(['chromium', 'lynx', 'java'], { apt: true });
    expect(quietly(path.env, true)).toEqual({ code: 0, said: '' });
    expect(path.aptCalls()).toEqual([]);
  });

  it('as root with apt-get, installs exactly the missing packages and goes on', () => {
    const path = fakePath(['chromium'], { apt: true });
    const { code } = quietly(path.env, true);
    expect(code).toBe(0);
    expect(path.aptCalls()).toEqual([
      'noninteractive update -q',
      'noninteractive install -y -q lynx openjdk-17-jre-headless',
    ]);
    expect(path.has('lynx') && path.has('java')).toBe(true);
  });

  it('stops with the failure when apt-get cannot install', () => {
    const path = fakePath(['lynx', 'java'], { apt: true, aptFails: true });
    expect(() => quietly(path.env, true)).toThrow(/apt-get update -q failed/);
    expect(path.has('chromium')).toBe(false);
  });

  it('without root, stops at once with the sudo command for what is missing', () => {
    const path = fakePath(['lynx'], { apt: true });
    const { code, said } = quietly(path.env, false);
    expect(code).toBe(1);
    expect(said).toContain(
      'sudo apt-get update && sudo apt-get install -y chromium openjdk-17-jre-headless',
    );
    expect(path.aptCalls()).toEqual([]);
  });

  it('without apt-get, names the packages to install some other way', () => {
    const path = fakePath(['chromium', 'java']);
    const { code, said } = quietly(path.env, true);
    expect(code).toBe(1);
    expect(said).toMatch(/lynx \(the text-browser tests\)/);
    expect(said).toContain('install lynx with');
  });

  it('plans from the facts alone', () => {
    const [chromium] = NEEDS;
    expect(plan({ missing: [], root: false, hasApt: false })).toEqual({ action: 'ready' });
    expect(plan({ missing: [chromium!], root: true, hasApt: true })).toEqual({
      action: 'install',
      packages: ['chromium'],
    });
  });
});
