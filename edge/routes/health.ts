/**
 * `GET /health` (and HEAD), for the operator's uptime checks and robots:
 * the Worker's configuration parses and DynamoDB answers one keyed read
 * (the neighborhood's settings) within `DATABASE_TIMEOUT_MS`. It answers
 * 200 `{"status":"ok"}`, or 503 with only the names of the parts that
 * failed (`configuration`, `database`, `builder`): never a variable, an
 * error's text or the table's name, which go to the log instead. It is
 * mounted before the session and CSRF middleware, so it reads no cookie,
 * sets none, and costs one GetItem.
 *
 * `?builder=1` also asks the builder Lambda for its version (a `version`
 * request, answered without reading or rendering anything) and adds it
 * to the answer. That costs an invocation, so each isolate asks at most
 * once per `BUILDER_CHECK_MS`, and requests meanwhile (or at the same
 * moment) share that one answer: a flood of such requests costs a few
 * invocations a minute, not one each.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context';
import { servicesFor, type Services } from '../context';
import { invokeBuilder } from '../builder';
import { DynamoError } from '../db/dynamo';
import { getNeighborhood } from '../db/neighborhood';
import type { BuilderAnswer } from '../../core/builder-protocol';
import type { Config } from '../env';

/** How long DynamoDB may take to answer the check's one read. */
export const DATABASE_TIMEOUT_MS = 2_000;

/** How long one isolate reuses the builder's answer (or its failure). */
export const BUILDER_CHECK_MS = 60_000;

/** How long the builder may take to answer: a cold start, and no render. */
const BUILDER_TIMEOUT_MS = 5_000;

type Part = 'configuration' | 'database' | 'builder';
type BuilderVersion = Omit<BuilderAnswer<'version'>, 'kind'>;

/** The last builder check of each configuration in this isolate. */
const builderChecks = new WeakMap<
  Config,
  { at: number; version: Promise<BuilderVersion | null> }
>();

/** What went wrong, for the log: an error's name, and DynamoDB's type and status. */
function describe(error: unknown): string {
  if (error instanceof DynamoError) return `${error.name} ${error.type} status ${error.status}`;
  return error instanceof Error ? error.name : typeof error;
}

async function databaseAnswers({ db }: Services): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), DATABASE_TIMEOUT_MS);
  });
  try {
    const answer = await Promise.race([getNeighborhood(db), late]);
    if (answer !== 'late') return true;
    console.error('health check failed', 'database', `no answer in ${DATABASE_TIMEOUT_MS} ms`);
  } catch (error) {
    console.error('health check failed', 'database', describe(error));
  } finally {
    clearTimeout(timer);
  }
  return false;
}

/** The builder's version, asked at most once per `BUILDER_CHECK_MS`; null when it failed. */
function builderVersion({ config }: Services): Promise<BuilderVersion | null> {
  const last = builderChecks.get(config);
  if (last && Date.now() - last.at < BUILDER_CHECK_MS) return last.version;
  const version = invokeBuilder(
    config,
    { kind: 'version' },
    { timeoutMs: BUILDER_TIMEOUT_MS },
  ).then(
    ({ version, build }) => ({ version, build }),
    // invokeBuilder has logged how it failed.
    () => null,
  );
  builderChecks.set(config, { at: Date.now(), version });
  return version;
}

function answer(c: Context<AppEnv>, failed: Part[], builder?: BuilderVersion) {
  c.header('Cache-Control', 'no-store');
  if (failed.length > 0) return c.json({ status: 'failed', failed }, 503);
  return c.json({ status: 'ok', ...(builder && { builder }) }, 200);
}

export const health = new Hono<AppEnv>().get('/health', async (c) => {
  let services: Services;
  try {
    services = servicesFor(c.env);
  } catch (error) {
    // A ConfigError's message names the variable, never its value.
    console.error('health check failed', 'configuration', String(error));
    return answer(c, ['configuration']);
  }
  // For the security headers (HSTS over https); nothing else here reads it.
  c.set('config', services.config);
  const withBuilder = c.req.query('builder') === '1';
  const [database, builder] = await Promise.all([
    databaseAnswers(services),
    withBuilder ? builderVersion(services) : undefined,
  ]);
  const failed: Part[] = [];
  if (!database) failed.push('database');
  if (builder === null) failed.push('builder');
  return answer(c, failed, builder ?? undefined);
});
