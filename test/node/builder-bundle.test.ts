/**
 * The builder as the CDK app bundles it (esbuild, ES module for Node 22,
 * Eleventy and markdown-it left as installed packages) carries the SigV4A
 * signer: the KeyValueStore takes only SigV4A-signed writes, the Lambda
 * runtime has no signer for it, and without the bundled one every publish
 * would fail at its first pointer write.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BUILDER_NODE_MODULES } from '../../infra/constructs/builder';
import { root } from '../../scripts/local/edge';

it('bundles the SigV4A signer the KeyValueStore client needs', async () => {
  const out = await build({
    entryPoints: [join(root, 'builder', 'handler.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: [...BUILDER_NODE_MODULES],
    write: false,
    logLevel: 'silent',
  });
  const bundle = out.outputFiles[0]!.text;
  // The pure-JS signer registering itself where the clients look for one.
  expect(bundle).toMatch(/signatureV4aContainer\.SignatureV4a = SignatureV4a/);
  expect(bundle).toContain('CloudFrontKeyValueStoreClient');
}, 60_000);
