/**
 * A bounded load and fault test of the whole local stack:
 * `npm run bench:load` (`npx tsx bench/load.ts --neighbors 50 --seconds 60`,
 * or NBHD_LOAD_NEIGHBORS / NBHD_LOAD_SECONDS). It starts the local
 * neighborhood on free loopback ports, signs N neighbors in by the real
 * OAuth flow against the local PDS, has them join and make a blog, then for
 * the duration runs each neighbor's closed loop of reading and writing
 * (`load/mix.ts`) beside a stream of hostile requests (`load/hostile.ts`).
 * It prints requests, throughput, latency and answers per kind, then audits
 * the table: every acknowledged write is stored as sent and every pair of
 * conflicting saves let exactly one through. Only the audit decides the exit
 * code; the figures are printed, never asserted. A hard deadline, Ctrl-C
 * and any error all stop everything it started before it exits.
 */
import { audit, Ledger } from './load/audit';
import { closeConnections } from './load/http';
import { hostileExpected, runHostile } from './load/hostile';
import { mixExpected, runMix } from './load/mix';
import { createNeighbors, join, makeSite, signIn, type Neighbor } from './load/neighbors';
import { Recorder } from './load/report';
import { startLoadStack, type LoadStack } from './load/stack';

const log = (line: string) => console.log(line);

function option(flag: string, variable: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const raw = at >= 0 ? process.argv[at + 1] : process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${flag} (${variable}) must be a whole number above 0, not "${raw}"`);
  return value;
}

const neighborsWanted = option('--neighbors', 'NBHD_LOAD_NEIGHBORS', 50);
const seconds = option('--seconds', 'NBHD_LOAD_SECONDS', 60);
// Start-up (about a minute here), a few seconds per neighbor to set up, the run, and the audit.
const deadlineMs = (150 + neighborsWanted * 4 + seconds + 60) * 1000;

let loadStack: LoadStack | undefined;
let stopping: Promise<void> | undefined;

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    closeConnections();
    await loadStack?.stack.close();
  })();
  return stopping;
}

async function main(): Promise<boolean> {
  const recorder = new Recorder({ ...mixExpected, ...hostileExpected });
  const ledger = new Ledger();
  const findings = new Map<string, number>();
  log(
    `Load test: ${neighborsWanted} neighbors for ${seconds} s (hard deadline ${deadlineMs / 1000} s).`,
  );
  loadStack = await startLoadStack(log);
  const { app, stack, db } = loadStack;

  log(`Creating ${neighborsWanted + 2} accounts on the local PDS…`);
  const everyone = await createNeighbors(stack.pdsUrl, neighborsWanted + 2, recorder);
  log('Signing each in (OAuth), joining and making a blog…');
  const ready = async (n: Neighbor) => {
    await signIn(n, app);
    await join(n, app);
    await makeSite(n, app);
    ledger.site(n.site, n.handle);
    ledger.item(n.site, n.post, `Notes from number ${n.index + 1}`, 'The first notes.', true);
  };
  // A few at a time, as people arrive; the PDS and wrangler dev share two cores with everything.
  for (let i = 0; i < everyone.length; i += 8)
    await Promise.all(everyone.slice(i, i + 8).map(ready));
  const neighbors = everyone.slice(0, neighborsWanted);
  const attackers = everyone.slice(neighborsWanted) as [Neighbor, Neighbor];

  log(`Running the mix for ${seconds} s…`);
  recorder.start();
  const until = Date.now() + seconds * 1000;
  await Promise.all([
    runMix({ app, neighbors, ledger, findings }, until),
    runHostile({ app, attackers, victims: neighbors, recorder }, until, findings),
  ]);
  recorder.stop();
  for (const n of everyone) ledger.watch(n.handle, n.site, [n.post, n.contested, ...n.created]);
  recorder.print(log);

  if (findings.size) {
    log('\nsteps that could not go on, or answered wrongly:');
    for (const [what, count] of [...findings].sort((a, b) => b[1] - a[1]))
      log(`  ${count}× ${what}`);
  }
  const unexpected = recorder.unexpected();
  log(
    `\nunexpected answers: ${unexpected.length ? unexpected.map((u) => `${u.kind} ${u.status || 'none'}×${u.count}`).join(', ') : 'none'}`,
  );

  log('\nAuditing the table…');
  const problems = await audit(db, ledger);
  const contests = [...ledger.contests.values()];
  log(
    `  ${ledger.acknowledged} acknowledged writes checked; ${contests.reduce((n, c) => n + c.pairs, 0)} pairs of conflicting saves, ${contests.reduce((n, c) => n + c.decided, 0)} decided one way`,
  );
  for (const problem of problems) log(`  FAIL ${problem}`);
  log(problems.length ? `audit: FAIL (${problems.length} problems)` : 'audit: pass');
  return problems.length === 0;
}

const deadline = setTimeout(() => {
  console.error(
    `\nThe load test passed its hard deadline (${deadlineMs / 1000} s); stopping everything.`,
  );
  void stopAll().finally(() => process.exit(2));
}, deadlineMs);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping everything the load test started.`);
    void stopAll().finally(() => process.exit(130));
  });
}

main()
  .then(async (passed) => {
    await stopAll();
    clearTimeout(deadline);
    process.exit(passed ? 0 : 1);
  })
  .catch(async (error: unknown) => {
    console.error('\nThe load test could not run:', error);
    await stopAll();
    clearTimeout(deadline);
    process.exit(1);
  });
