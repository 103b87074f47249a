/**
 * What a crashed or killed `npm start` can leave behind: `wrangler dev`
 * runs in a process group of its own (so stopping it stops its workerd
 * too), which survives its parent being killed outright. Each start records
 * that group's id beside the Worker's env file; the next start stops a
 * recorded group that is still a wrangler, and removes the stale env file
 * (it holds a session secret), so a leftover never blocks the next start.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const edgeEnvFile = (stateDir: string, port: number) => join(stateDir, `edge-${port}.env`);
const pidFile = (stateDir: string, port: number) => join(stateDir, `edge-${port}.pid`);

/** Notes that the `wrangler dev` for `port` runs as process group `pid`. */
export function recordEdge(stateDir: string, port: number, pid: number): void {
  writeFileSync(pidFile(stateDir, port), String(pid));
}

/** Forgets the `wrangler dev` for `port`, and its env file. */
export function forgetEdge(stateDir: string, port: number): void {
  rmSync(pidFile(stateDir, port), { force: true });
  rmSync(edgeEnvFile(stateDir, port), { force: true });
}

/** The command line of process `pid`, or undefined when there is none. */
function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return undefined;
    }
  }
}

const alive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Stops a `wrangler dev` an earlier start left running on `port` (SIGTERM to
 * its group, SIGKILL after five seconds) and removes its files. Returns
 * whether there was one. A recorded id that is now some other program is
 * left alone.
 */
export async function clearLeftoverEdge(stateDir: string, port: number): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile(stateDir, port), 'utf8'));
  } catch {
    rmSync(edgeEnvFile(stateDir, port), { force: true });
    return false;
  }
  const running = Number.isInteger(pid) && pid > 1 && /wrangler/.test(commandOf(pid) ?? '');
  if (running) {
    process.kill(-pid, 'SIGTERM');
    for (let waited = 0; alive(pid) && waited < 5000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (alive(pid)) process.kill(-pid, 'SIGKILL');
  }
  forgetEdge(stateDir, port);
  return running;
}
