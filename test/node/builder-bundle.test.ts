/**
 * The builder as the CDK app bundles it (esbuild, ES module for Node 22,
 * Eleventy and markdown-it left as installed packages) carries the SigV4A
 * signer: the KeyValueStore takes only SigV4A-signed writes, the Lambda
 * runtime has no signer for it, and without the bundled one every publish
 * would fail at its first pointer write. And the bundle, run as Lambda
 * runs it, reports its release and a fingerprint of its own file.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { BUILDER_NODE_MODULES } from '../../infra/constructs/builder';
import { root } from '../../scripts/local/edge';

const bundleBuilder = (write: { outfile?: string } = {}) =>
  build({
    entryPoints: [join(root, 'builder', 'handler.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: [...BUILDER_NODE_MODULES],
    write: Boolean(write.outfile),
    ...write,
    logLevel: 'silent',
  });

it('bundles the SigV4A signer the KeyValueStore client needs', async () => {
  const out = await bundleBuilder();
  const bundle = out.outputFiles![0]!.text;
  // The pure-JS signer registering itself where the clients look for one.
  expect(bundle).toMatch(/signatureV4aContainer\.SignatureV4a = SignatureV4a/);
  expect(bundle).toContain('CloudFrontKeyValueStoreClient');
}, 60_000);

it('answers a version request with package.json’s release and the bundle’s fingerprint', async () => {
  // Inside the repository, so the bundle finds Eleventy in node_modules as in its asset.
  mkdirSync(join(root, '.nbhd'), { recursive: true });
  const directory = mkdtempSync(join(root, '.nbhd', 'bundle-'));
  const outfile = join(directory, 'handler.mjs');
  const env = { DYNAMODB_TABLE: 'nbhd', AWS_REGION: 'eu-west-1' };
  const saved = { ...process.env };
  Object.assign(process.env, env, {
    SITES_URL: 'https://oak.example',
    PUBLIC_URL: 'https://oak.example',
  });
  try {
    await bundleBuilder({ outfile });
    const bundled = (await import(pathToFileURL(outfile).href)) as {
      handler: (event: unknown) => Promise<unknown>;
    };
    const fingerprint = createHash('sha256').update(readFileSync(outfile)).digest('hex');
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(await bundled.handler({ kind: 'version' })).toEqual({
      kind: 'version',
      version,
      build: fingerprint.slice(0, 12),
    });
  } finally {
    process.env = saved;
    rmSync(directory, { recursive: true, force: true });
  }
}, 60_000);
