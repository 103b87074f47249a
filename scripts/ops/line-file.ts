/**
 * The backup's two lists are files of JSON lines, written as they are read
 * from AWS (a large table never sits in memory twice) with their size and
 * SHA-256 taken on the way, and checked against the manifest when read, so
 * a truncated or edited list is refused instead of half restored.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';

export interface LineFileFacts {
  count: number;
  bytes: number;
  sha256: string;
}

/** Appends lines to a new file at `path`; `close()` says what was written. */
export function lineWriter(path: string) {
  const out = createWriteStream(path, { flags: 'wx' });
  const hash = createHash('sha256');
  const facts = { count: 0, bytes: 0 };
  return {
    async write(line: string): Promise<void> {
      const chunk = Buffer.from(`${line}\n`, 'utf8');
      hash.update(chunk);
      facts.count++;
      facts.bytes += chunk.byteLength;
      if (!out.write(chunk)) await once(out, 'drain');
    },
    async close(): Promise<LineFileFacts> {
      out.end();
      await once(out, 'finish');
      return { ...facts, sha256: hash.digest('hex') };
    },
  };
}

export class DamagedBackup extends Error {
  override name = 'DamagedBackup';
}

/** The lines of `path`, once its size, digest and line count match `expected`. */
export function readLines(path: string, expected: LineFileFacts): string[] {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch {
    throw new DamagedBackup(`${path} is missing`);
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  if (text.byteLength !== expected.bytes || sha256 !== expected.sha256) {
    throw new DamagedBackup(
      `${path} is not the file the manifest describes (${text.byteLength} bytes, expected ${expected.bytes}, or its digest differs)`,
    );
  }
  const lines = text.toString('utf8').split('\n');
  lines.pop();
  if (lines.length !== expected.count) {
    throw new DamagedBackup(`${path} holds ${lines.length} lines, expected ${expected.count}`);
  }
  return lines;
}
