/**
 * S3 on this machine: s3rver bound to 127.0.0.1, with the sites' bucket
 * created, in a child process of its own (it needs OpenSSL's legacy
 * provider on Node 20, which nothing else should run with). Its objects
 * live in a directory that lasts as long as the stack, like dynalite's
 * table: emptied at start, removed at close. The child exits when the
 * stack's process goes, even when that one is killed outright.
 * Clients need `forcePathStyle: true`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocalS3Options {
  port: number;
  bucket: string;
  /** The only keys it accepts requests signed with. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Where the objects live; a fresh temporary directory when not given. */
  directory?: string;
  /**
   * Start on what `directory` already holds and leave it at close, as an
   * S3 that went down and came back would (for fault tests).
   */
  keepObjects?: boolean;
}

export interface LocalS3 {
  /** `http://127.0.0.1:PORT`, the client's `endpoint`. */
  endpoint: string;
  bucket: string;
  process: ChildProcess;
  close(): Promise<void>;
}

const childScript = fileURLToPath(new URL('./s3-process.mjs', import.meta.url));

export async function startLocalS3({
  port,
  bucket,
  credentials,
  directory,
  keepObjects = false,
}: LocalS3Options): Promise<LocalS3> {
  const dir = directory ?? mkdtempSync(join(tmpdir(), 'nbhd-s3-'));
  if (!keepObjects) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const child = fork(childScript, [String(port), dir, bucket], {
    execArgv: [],
    env: {
      ...process.env,
      NODE_OPTIONS: '--openssl-legacy-provider',
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    if (!keepObjects) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      child.on('message', (m: { ready?: number; failed?: string }) =>
        m.ready ? resolve() : reject(new Error(`local S3 did not start: ${m.failed}`)),
      );
      child.once('exit', (code) => reject(new Error(`local S3 exited (${code}):\n${output}`)));
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${port}`, bucket, process: child, close };
}
