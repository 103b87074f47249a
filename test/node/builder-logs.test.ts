/**
 * The builder's log, read the way CloudWatch reads it: everything the real
 * handler writes while it publishes against dynalite, the local S3 and the
 * local KeyValueStore (standard output, standard error and `console`) is
 * captured in-process. Every line must be one JSON object with a level and
 * a message, and every line of a deploy must carry its id; none may carry
 * what the member wrote or the builder's credentials. A publish whose
 * upload meets a stopped S3 logs which step failed and why.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createItem } from '../../edge/db/items';
import { LOCAL_CREDENTIALS } from '../../scripts/local/dynamo';
import { itemContent } from '../support/item-content';
import { publish, startPublishFixture, type PublishFixture } from './publish/support';

const SECRET_WORDS = 'Marigold-quince-7731 is the secret of the hive';

let f: PublishFixture;
beforeAll(async () => {
  f = await startPublishFixture();
  await createItem(
    f.db,
    'bees',
    itemContent({
      title: 'Swarm season',
      slug: 'swarm',
      body: SECRET_WORDS,
      summary: SECRET_WORDS,
    }),
  );
}, 120_000);
afterAll(() => f?.close());

/** Everything written while `run` runs, split into lines. */
async function captured<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const chunks: string[] = [];
  const keep = (chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(keep),
    vi.spyOn(process.stderr, 'write').mockImplementation(keep),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        keep(`${args.map(String).join(' ')}\n`);
      }),
    ),
  ];
  // The suites log only warnings and errors; this test reads every line.
  const level = process.env.NBHD_LOG_LEVEL;
  process.env.NBHD_LOG_LEVEL = 'info';
  try {
    const result = await run();
    return { result, lines: chunks.join('').split('\n').filter(Boolean) };
  } finally {
    if (level === undefined) delete process.env.NBHD_LOG_LEVEL;
    else process.env.NBHD_LOG_LEVEL = level;
    for (const spy of spies) spy.mockRestore();
  }
}

/** Each line parsed as JSON; fails naming the first line that is not a JSON object. */
function parsed(lines: string[]): Record<string, unknown>[] {
  return lines.map((line) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`not a JSON line: ${line}`);
    }
    expect(value, line).toBeTypeOf('object');
    return value as Record<string, unknown>;
  });
}

function expectNothingPrivate(lines: string[]) {
  for (const line of lines) {
    expect(line).not.toContain('Marigold');
    expect(line).not.toContain(LOCAL_CREDENTIALS.secretAccessKey);
  }
}

describe('the builder’s log of a publish', () => {
  it('is JSON lines, each carrying the deploy id, and says what the build did', async () => {
    const { result, lines } = await captured(() => publish(f));
    expect(result.answer).toEqual({ kind: 'deploy', state: 'live' });
    const entries = parsed(lines);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const entry of entries) {
      expect(entry).toMatchObject({ kind: 'publish', site: 'bees', deployId: result.id });
      expect(['info', 'warn', 'error']).toContain(entry.level);
      expect(entry.message).toBeTypeOf('string');
    }
    const byMessage = new Map(entries.map((e) => [e.message, e]));
    expect(byMessage.get('rendered')).toMatchObject({ files: expect.any(Number) });
    expect(byMessage.get('uploaded')).toMatchObject({
      files: result.deploy.files,
      bytes: result.deploy.bytes,
    });
    expect(byMessage.has('went live')).toBe(true);
    expect(byMessage.get('answered')).toMatchObject({
      outcome: 'live',
      durationMs: expect.any(Number),
    });
    expectNothingPrivate(lines);
  });

  it('names the step that failed when the S3 is down, still on JSON lines with the id', async () => {
    f.stopS3();
    let run;
    try {
      run = await captured(() => publish(f));
    } finally {
      await f.restartS3();
    }
    const { result, lines } = run;
    expect(result.answer).toEqual({ kind: 'deploy', state: 'failed' });
    const entries = parsed(lines);
    for (const entry of entries) expect(entry).toMatchObject({ deployId: result.id });
    const upload = entries.find((e) => e.message === 'upload failed');
    expect(upload).toMatchObject({ level: 'error', error: expect.any(String) });
    expect(entries.find((e) => e.message === 'build failed')).toMatchObject({
      level: 'warn',
      stage: 'uploading',
    });
    expectNothingPrivate(lines);
  });
});

describe('the builder’s version', () => {
  it('answers the release in package.json and a fingerprint of its code, and logs it', async () => {
    const { result, lines } = await captured(() => f.handler({ kind: 'version' }));
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    expect(result).toEqual({
      kind: 'version',
      version,
      build: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    expect(parsed(lines)).toEqual([
      expect.objectContaining({ kind: 'version', outcome: 'version' }),
    ]);
  });
});
