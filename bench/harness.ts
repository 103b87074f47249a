/**
 * The Worker under measurement: the local stack without its `wrangler dev`
 * edge (dynalite with the seeded demo neighborhood, PLC and PDS), and the
 * dry-run bundle running in workerd through Miniflare with the stack's
 * variables as bindings. The Worker is reached through a Miniflare "direct
 * socket", which skips Miniflare's own entry Worker so that nothing but nbhd
 * runs per request; an empty Worker gets one too, as the runtime's floor,
 * and so does the calibrated floor, which repeats each page's DynamoDB
 * requests and nothing else. A signed-in member (alice.test, profile and admin membership as the
 * real sign-in would store them, since the stack lists her in
 * `ADMIN_HANDLES`) gets a session item and a signed `nbhd_session` cookie,
 * and a blog of 50 posts (`seed-site.ts`) for the site editor's pages.
 * ASSETS is not bound: no page reads it, and the stylesheet is measured from
 * the built asset directory instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Miniflare } from 'miniflare';
import { signSessionToken } from '../edge/auth/cookie';
import { fetchProfile } from '../edge/auth/profile';
import { saveProfile } from '../edge/db/members';
import { memberName, type Member } from '../core/records/members';
import { parseConfig, type Env } from '../edge/env';
import { ensureAdmin } from '../edge/db/membership';
import { createSession } from '../edge/db/sessions';
import { sessionCookieName } from '../edge/middleware/session';
import { demoAccounts, localDynamo } from '../scripts/local/demo';
import { freeStackPorts, startLocalStack, type LocalStack } from '../scripts/local/stack';
import { startDynamoCounter, type DynamoCounter } from './dynamo-counter';
import { floorWorkerSource } from './floor-worker';
import { seedMembers } from './seed-members';
import { seedSite, type SeededSite } from './seed-site';

const COMPATIBILITY_DATE = '2026-04-26';

export interface Harness {
  /** nbhd's direct socket, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** The empty Worker's direct socket. */
  floorUrl: string;
  /** The calibrated floor's direct socket (`floor-worker.ts`). */
  calibratedUrl: string;
  /** The workerd process running both Workers. */
  workerdPid?: number;
  /** `Cookie` header value of a live session. */
  signedInCookie: string;
  /** The signed-in member's benchmark blog. */
  site: SeededSite;
  /** Counts the Worker's DynamoDB requests. */
  counter: DynamoCounter;
  close(): Promise<void>;
}

/** Members in the benchmark's neighborhood (DESIGN.md's directory figure). */
export const MEMBER_COUNT = 1000;

export async function startHarness(
  script: string,
  log: (line: string) => void,
  /** Opens workerd's V8 inspector on this port (`profile.ts`). */
  { inspectorPort }: { inspectorPort?: number } = {},
): Promise<Harness> {
  const stack = await startLocalStack(await freeStackPorts(), { edge: false, log });
  let mf: Miniflare | undefined;
  const counter = await startDynamoCounter(stack.dynamoEndpoint);
  try {
    const db = localDynamo(stack.dynamoEndpoint, stack.table);
    const { cookie: signedInCookie, member } = await signIn(stack);
    log(`Seeding ${MEMBER_COUNT} members…`);
    await seedMembers(db, MEMBER_COUNT);
    log('Seeding a 50-post blog…');
    const site = await seedSite(db, member.did, memberName(member));
    log('Starting the bundled Worker in workerd (Miniflare)…');
    const before = workerdChildren();
    mf = new Miniflare({
      host: '127.0.0.1',
      port: 0,
      ...(inspectorPort ? { inspectorPort } : {}),
      workers: [
        {
          name: 'nbhd',
          modules: true,
          scriptPath: script,
          modulesRoot: dirname(script),
          compatibilityDate: COMPATIBILITY_DATE,
          compatibilityFlags: ['nodejs_compat'],
          bindings: { ...stack.vars, DYNAMODB_ENDPOINT: counter.endpoint },
          // As wrangler.toml's [version_metadata]: the samples' cache key needs it.
          versionMetadata: 'CF_VERSION_METADATA',
          unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
        },
        {
          name: 'floor',
          modules: true,
          script: `export default { fetch() { return new Response('ok'); } };`,
          compatibilityDate: COMPATIBILITY_DATE,
          unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
        },
        {
          name: 'calibrated',
          modules: true,
          script: floorWorkerSource(counter.endpoint),
          compatibilityDate: COMPATIBILITY_DATE,
          unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
        },
      ],
    });
    await mf.ready;
    const url = (await mf.unsafeGetDirectURL('nbhd')).origin;
    const floorUrl = (await mf.unsafeGetDirectURL('floor')).origin;
    const calibratedUrl = (await mf.unsafeGetDirectURL('calibrated')).origin;
    const spawned = workerdChildren().filter((pid) => !before.includes(pid));
    const instance = mf;
    return {
      url,
      floorUrl,
      calibratedUrl,
      workerdPid: spawned.length === 1 ? spawned[0] : undefined,
      signedInCookie,
      site,
      counter,
      close: async () => {
        await instance.dispose();
        await counter.close();
        await stack.close();
      },
    };
  } catch (error) {
    await mf?.dispose().catch(() => undefined);
    await counter.close();
    await stack.close();
    throw error;
  }
}

/** Stores alice.test's profile, admin membership and a session, as a completed sign-in would. */
async function signIn(stack: LocalStack): Promise<{ cookie: string; member: Member }> {
  const account = demoAccounts[0]!;
  const did = stack.dids[account.handle];
  if (!did) throw new Error(`the local stack has no ${account.handle}`);
  const db = localDynamo(stack.dynamoEndpoint, stack.table);
  const profile = await saveProfile(
    db,
    await fetchProfile(parseConfig(stack.vars as Partial<Env>), did),
  );
  const member = (await ensureAdmin(db, did)) ?? profile;
  const session = await createSession(db, did);
  const token = await signSessionToken(
    stack.vars.SESSION_SECRET!,
    { did: session.did, sid: session.id },
    session.expiresAt,
  );
  return { cookie: `${sessionCookieName(false)}=${token}`, member };
}

/** PIDs of this process's `workerd` children (Miniflare spawns exactly one). */
function workerdChildren(): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return pids; // not Linux: CPU figures will read "n/a"
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'workerd' && ppid === process.pid) pids.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}
