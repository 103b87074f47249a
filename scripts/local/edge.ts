/**
 * Runs the edge Worker under `wrangler dev`, configured entirely by
 * variables (the same ones production uses), and waits until it answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoAdmins } from './demo';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamo';
import { edgeEnvFile, forgetEdge, recordEdge } from './leftovers';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the local stack keeps its state: the Worker's env file, pid file and storage. */
export const stateDirectory = join(root, '.nbhd');

/** The function name the local invoke endpoint answers to. */
export const LOCAL_BUILDER_FUNCTION = 'nbhd-builder';

export interface LocalEdgeOptions {
  port: number;
  dynamoEndpoint: string;
  table: string;
  plcUrl: string;
  pdsUrl: string;
  builderPort: number;
  sitesPort: number;
  /** The local S3 and its bucket for the sites' files. */
  s3Endpoint: string;
  sitesBucket: string;
  /** The local KeyValueStore (the client's endpoint) and its ARN. */
  kvsEndpoint: string;
  kvsArn: string;
}

/** The Worker's variables and secrets for a local stack (see README, "Configuration"). */
export function localEdgeVars(o: LocalEdgeOptions): Record<string, string> {
  return {
    PUBLIC_URL: `http://127.0.0.1:${o.port}`,
    DYNAMODB_ENDPOINT: o.dynamoEndpoint,
    DYNAMODB_TABLE: o.table,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    ATPROTO_HANDLE_RESOLVER: o.pdsUrl,
    ATPROTO_PLC_URL: o.plcUrl,
    ATPROTO_ALLOW_HTTP: 'true',
    OAUTH_PRIVATE_KEY: '',
    ADMIN_HANDLES: demoAdmins.join(','),
    SITES_URL: `http://localhost:${o.sitesPort}`,
    BUILDER_URL: `http://127.0.0.1:${o.builderPort}`,
    BUILDER_FUNCTION: LOCAL_BUILDER_FUNCTION,
    SITES_BUCKET_URL: `${o.s3Endpoint}/${o.sitesBucket}`,
    // The builder's (it reads these same variables): where publishing writes.
    SITES_BUCKET: o.sitesBucket,
    S3_ENDPOINT: o.s3Endpoint,
    SITES_KVS_ARN: o.kvsArn,
    KVS_ENDPOINT: o.kvsEndpoint,
  };
}

export interface LocalEdge {
  url: string;
  process: ChildProcess;
  close(): Promise<void>;
}

/** Starts `wrangler dev` with `vars` and resolves once the front page answers. */
export async function startEdge(
  port: number,
  vars: Record<string, string>,
  { quiet = false, stateDir = stateDirectory } = {},
): Promise<LocalEdge> {
  mkdirSync(stateDir, { recursive: true });
  const envFile = edgeEnvFile(stateDir, port);
  writeFileSync(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join('\n'),
    {
      mode: 0o600,
    },
  );
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'dev',
      '--ip=127.0.0.1',
      `--port=${port}`,
      '--inspector-port=0',
      `--env-file=${envFile}`,
      `--persist-to=${join(stateDir, 'wrangler')}`,
      '--show-interactive-dev-session=false',
      '--log-level=warn',
    ],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        NO_UPDATE_NOTIFIER: '1',
      },
    },
  );
  if (child.pid) recordEdge(stateDir, port, child.pid);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d));
  child.stderr?.on('data', (d: Buffer) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await exited;
    }
    // The env file holds the session secret; it lives only as long as the Worker.
    forgetEdge(stateDir, port);
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/`, { redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`wrangler dev did not answer within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, process: child, close };
}
