/**
 * The builder's log: one JSON object per line on standard output, which
 * CloudWatch Logs stores as it is (Lambda prefixes what `console` writes,
 * which would break the JSON) and Logs Insights can filter by field.
 *
 * Every line carries `level` and `message` and the fields of the request
 * it belongs to (`kind`, `site`, `deployId`, `requestId`), set once by the
 * handler with `withLogFields`: they follow the request through every
 * `await` (AsyncLocalStorage), so two requests running at once (the local
 * builder, tests) never mix them up, and no function has to pass them on.
 *
 * What may be logged is deliberately narrow: names, ids, counts, sizes,
 * durations, and for a failure its error's name, status and a short
 * message (`errorFields`). Never a site's settings or text, never a
 * request's body, never credentials.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type LogLevel = 'info' | 'warn' | 'error';

/** What a line may carry beside its message: plain values only. */
export type LogFields = Record<string, string | number | boolean | undefined>;

const context = new AsyncLocalStorage<LogFields>();

const LEVELS: Record<LogLevel, number> = { info: 0, warn: 1, error: 2 };

/**
 * The least level written: `NBHD_LOG_LEVEL` (`info`, the default, `warn` or `error`), read on
 * every line so a test can change it. The test suites set `warn`: a build's story is for the
 * operator, and would bury the test report.
 */
function shown(level: LogLevel): boolean {
  const least = process.env.NBHD_LOG_LEVEL as LogLevel | undefined;
  return LEVELS[level] >= (LEVELS[least ?? 'info'] ?? 0);
}

/** Where lines go: standard output, read by CloudWatch (and by the tests) line by line. */
const write = (line: string) => void process.stdout.write(`${line}\n`);

/** Runs `fn` with `fields` added to every line it (and whatever it awaits) logs. */
export function withLogFields<T>(fields: LogFields, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

function emit(level: LogLevel, message: string, fields: LogFields = {}) {
  if (!shown(level)) return;
  const line: LogFields = { level, message, ...context.getStore(), ...fields };
  write(JSON.stringify(line));
}

export const log = {
  info: (message: string, fields?: LogFields) => emit('info', message, fields),
  warn: (message: string, fields?: LogFields) => emit('warn', message, fields),
  error: (message: string, fields?: LogFields) => emit('error', message, fields),
};

/** Longest error message logged: enough to name the fault, too short to carry a page. */
const MESSAGE_LIMIT = 200;

/**
 * A failure's name, HTTP status (the AWS SDK's `$metadata`, or a `status`)
 * and the start of its message, for a line. The message of a library's
 * error names what went wrong, not the data it was handed; it is cut short
 * all the same.
 */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: typeof error };
  const { $metadata, status } = error as {
    $metadata?: { httpStatusCode?: number };
    status?: unknown;
  };
  return {
    error: error.name,
    status: $metadata?.httpStatusCode ?? (typeof status === 'number' ? status : undefined),
    detail: error.message.slice(0, MESSAGE_LIMIT),
  };
}
