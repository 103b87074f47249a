/**
 * Noticing that whatever started us is gone. `npm start` runs this script
 * under npm, a shell and tsx; killing npm (`kill <pid>`, or a terminal that
 * hangs up on it) does not pass the signal on, so the script would keep
 * the whole stack running, orphaned. Instead it watches the processes it
 * was started under and stops when one of them exits.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The parent of `pid`, or undefined when it cannot be read. */
function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (name) state ppid …"; the name may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    try {
      return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }));
    } catch {
      return undefined;
    }
  }
}

/** This process's parent, its parent, and so on, up to (not including) init. */
export function ancestors(): number[] {
  const chain: number[] = [];
  for (let pid = process.ppid; pid > 1 && chain.length < 32;) {
    chain.push(pid);
    const parent = parentOf(pid);
    if (!parent || parent === pid) break;
    pid = parent;
  }
  return chain;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it is there, just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Calls `gone` once, as soon as any process this one was started under has exited. */
export function whenAncestorExits(gone: () => void, everyMs = 1000): void {
  const watched = ancestors();
  const timer = setInterval(() => {
    if (watched.every(alive) && process.ppid === watched[0]) return;
    clearInterval(timer);
    gone();
  }, everyMs);
  timer.unref();
}
