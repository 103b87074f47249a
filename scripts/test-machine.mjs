#!/usr/bin/env node
/**
 * The first step of `npm test`: makes sure the machine has the three
 * programs the suites need and npm cannot bring: Chromium (the browser
 * journeys, axe-core), lynx (the text-browser journeys) and Java 17 (the Nu
 * Html Checker and the DynamoDB Local run of the data layer). Playwright's
 * own browser download needs a CDN an offline machine cannot reach, and neither
 * lynx nor a JRE ships in an npm package, so all three come from Debian.
 *
 * Missing ones are installed with apt-get when this runs as root on a
 * machine that has it; otherwise it stops at once, before any suite starts,
 * printing the exact command to run, so no suite is skipped for want of them.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each program the suites run, by its command, with the Debian package that provides it. */
export const NEEDS = [
  { command: 'chromium', pkg: 'chromium', why: 'the browser tests' },
  { command: 'lynx', pkg: 'lynx', why: 'the text-browser tests' },
  { command: 'java', pkg: 'openjdk-17-jre-headless', why: 'the HTML checker and DynamoDB Local' },
];

/** Whether `command` is an executable file in one of PATH's folders. */
export function onPath(command, path = process.env.PATH ?? '') {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(join(dir, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/**
 * What to do, from what is missing and what this process may do:
 * `ready`, `install` (as root with apt-get) or `stop` with the command to give.
 */
export function plan({ missing, root, hasApt }) {
  if (missing.length === 0) return { action: 'ready' };
  const packages = missing.map((need) => need.pkg);
  const install = `apt-get install -y ${packages.join(' ')}`;
  if (root && hasApt) return { action: 'install', packages };
  const command = hasApt
    ? `sudo apt-get update && sudo ${install}`
    : `install ${packages.join(', ')} with this system's package manager`;
  return { action: 'stop', command };
}

function run(args, env) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
  }
}

/** Checks, installs if it may, and returns the process's exit code. */
export function provision({
  env = process.env,
  root = process.getuid?.() === 0,
  log = console.error,
} = {}) {
  const missing = NEEDS.filter((need) => !onPath(need.command, env.PATH));
  const decision = plan({ missing, root, hasApt: onPath('apt-get', env.PATH) });
  if (decision.action === 'ready') return 0;
  const list = missing.map((need) => `${need.command} (${need.why})`).join(', ');
  if (decision.action === 'stop') {
    log(`npm test needs ${list}, which this machine lacks. Run:\n  ${decision.command}`);
    return 1;
  }
  log(`npm test needs ${list}; installing ${decision.packages.join(' ')} with apt-get.`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  run(['update', '-q'], aptEnv);
  run(['install', '-y', '-q', ...decision.packages], aptEnv);
  const still = NEEDS.filter((need) => !onPath(need.command, env.PATH));
  if (still.length > 0) {
    log(`apt-get finished, but ${still.map((need) => need.command).join(', ')} is still missing.`);
    return 1;
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = provision();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
