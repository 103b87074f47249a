/**
 * The real `cdk synth`, as an operator runs it: the CLI runs `infra/bin/nbhd.ts` through
 * `cdk.json`, reads the example operator file, bundles the builder with esbuild (no Docker)
 * and installs Eleventy and sharp (for the Lambda's linux-arm64) into its asset. The asset must hold what the builder opens at run
 * time, and the template the function built for the file's domain. A wrong value in the file
 * stops synth with a message naming it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../../scripts/local/edge';
import { buildSiteFunction } from '../../../scripts/build-site-function.mjs';
import { templates } from '../../../templates';

const run = promisify(execFile);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** `npx cdk synth` with the operator file at `config`, into a fresh directory. */
async function cdkSynth(config: string) {
  const out = mkdtempSync(join(tmpdir(), 'nbhd-cdk-'));
  made.push(out);
  const result = await run('npx', ['cdk', 'synth', '--no-notices', '--quiet', '-o', out], {
    cwd: root,
    env: { ...process.env, NBHD_CONFIG: config, CDK_DISABLE_CLI_TELEMETRY: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { code?: number; stderr?: string; stdout?: string }) => error);
  return {
    out,
    code: 'code' in result ? result.code : 0,
    output: `${result.stdout}${result.stderr}`,
  };
}

/** ELF's `e_machine` for 64-bit Arm. */
const AARCH64 = 0xb7;

/** The `e_machine` of the ELF file at `path` (its 2 bytes at offset 18, little-endian). */
function elfMachine(path: string): number {
  const header = readFileSync(path).subarray(0, 20);
  expect(header.subarray(0, 4).toString('latin1'), path).toBe('\x7fELF');
  expect(header[5], `${path} is little-endian`).toBe(1);
  return header.readUInt16LE(18);
}

/** The directory of the builder function's asset in the cloud assembly at `out`. */
function builderAsset(main: Record<string, Resource>, out: string): string {
  const [builder] = Object.values(main).filter(
    (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Handler === 'builder/handler.handler',
  );
  return join(out, builder!.Metadata!['aws:asset:path']!);
}

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  Metadata?: Record<string, string>;
}

describe('cdk synth of the example operator file', () => {
  let out: string;
  let main: Record<string, Resource>;

  beforeAll(async () => {
    const synth = await cdkSynth(join(root, 'nbhd.config.example.json'));
    expect(synth.code, synth.output).toBe(0);
    out = synth.out;
    main = JSON.parse(readFileSync(join(out, 'Nbhd.template.json'), 'utf8')).Resources;
  }, 240_000);

  it('makes the main stack and, outside us-east-1, the certificate’s and the sites’ alarms’', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const stacks = Object.entries(
      manifest.artifacts as Record<string, { type: string; environment: string }>,
    )
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([name, a]) => [name, a.environment.replace(/^aws:\/\/[^/]*\//, '')]);
    expect(Object.fromEntries(stacks)).toEqual({
      Nbhd: 'eu-west-1',
      NbhdCertificate: 'us-east-1',
      NbhdSitesAlarms: 'us-east-1',
    });
  });

  it('bundles the builder with its handler and SigV4A signer, the templates and Eleventy installed', () => {
    const [builder] = Object.values(main).filter(
      (r) =>
        r.Type === 'AWS::Lambda::Function' && r.Properties.Handler === 'builder/handler.handler',
    );
    const asset = join(out, builder!.Metadata!['aws:asset:path']!);
    const handler = readFileSync(join(asset, 'builder', 'handler.mjs'), 'utf8');
    expect(handler).toContain('CloudFrontKeyValueStoreClient');
    // The pure-JS SigV4A signer, registered where the KeyValueStore client looks for one.
    expect(handler).toMatch(/signatureV4aContainer\.SignatureV4a = SignatureV4a/);
    for (const { id } of templates) {
      const files = readdirSync(join(asset, 'templates', id, 'site'), { recursive: true });
      expect(files.length, id).toBeGreaterThan(1);
    }
    expect(existsSync(join(asset, 'templates', 'shared', 'includes', 'base.njk'))).toBe(true);
    const eleventy = join(asset, 'node_modules', '@11ty', 'eleventy', 'package.json');
    expect(JSON.parse(readFileSync(eleventy, 'utf8')).version).toBe('3.1.8');
  });

  it('installs sharp for the Lambda’s linux-arm64, none for this machine, and heic-decode', () => {
    const asset = builderAsset(main, out);
    const modules = join(asset, 'node_modules');
    const img = readdirSync(join(modules, '@img'));
    expect(img.filter((name) => name.startsWith('sharp-')).sort()).toEqual([
      'sharp-libvips-linux-arm64',
      'sharp-linux-arm64',
    ]);
    const addons = readdirSync(join(modules, '@img', 'sharp-linux-arm64', 'lib'));
    const addon = addons.find((name) => name.endsWith('.node'));
    expect(addon, addons.join(', ')).toBeDefined();
    expect(elfMachine(join(modules, '@img', 'sharp-linux-arm64', 'lib', addon!))).toBe(AARCH64);
    const vipsLib = join(modules, '@img', 'sharp-libvips-linux-arm64', 'lib');
    const libvips = readdirSync(vipsLib).filter((name) => /^libvips.*\.so/.test(name));
    expect(libvips.length).toBeGreaterThan(0);
    for (const lib of libvips) expect(elfMachine(join(vipsLib, lib)), lib).toBe(AARCH64);
    // The versions sharp itself asks for, and the handler finds the asset's copy, not ours.
    const sharp = JSON.parse(readFileSync(join(modules, 'sharp', 'package.json'), 'utf8'));
    for (const name of ['@img/sharp-linux-arm64', '@img/sharp-libvips-linux-arm64']) {
      const installed = JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8'));
      expect(installed.version, name).toBe(sharp.optionalDependencies[name]);
    }
    const fromHandler = createRequire(join(asset, 'builder', 'handler.mjs'));
    const sharpEntry = fromHandler.resolve('sharp');
    expect(sharpEntry.startsWith(join(modules, 'sharp') + sep), sharpEntry).toBe(true);
    // …and sharp, loading its addon, finds the arm64 package beside it.
    const addonPackage = createRequire(sharpEntry).resolve('@img/sharp-linux-arm64/sharp.node');
    expect(addonPackage.startsWith(join(modules, '@img', 'sharp-linux-arm64') + sep)).toBe(true);
    expect(fromHandler.resolve('heic-decode').startsWith(modules + sep)).toBe(true);
    // libheif is WebAssembly, the same on every platform.
    expect(existsSync(join(modules, 'libheif-js', 'libheif-wasm', 'libheif.wasm'))).toBe(true);
    // The platform settings used for the install are not shipped.
    expect(existsSync(join(asset, '.npmrc'))).toBe(false);
  });

  it('writes the viewer function built for the file’s domain into the template', async () => {
    const [fn] = Object.values(main).filter((r) => r.Type === 'AWS::CloudFront::Function');
    expect(fn!.Properties.FunctionCode).toBe(
      await buildSiteFunction('oak.example', 'https://oak.example/'),
    );
  });
});

describe('cdk synth of a wrong operator file', () => {
  it('stops, naming the wrong value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nbhd-config-'));
    made.push(dir);
    const file = join(dir, 'nbhd.config.json');
    writeFileSync(file, JSON.stringify({ domain: 'oak.example', aws: { region: 'Ireland' } }));
    const synth = await cdkSynth(file);
    expect(synth.code).not.toBe(0);
    expect(synth.output).toContain('aws.region must be a region such as eu-west-1');
    expect(existsSync(join(synth.out, 'Nbhd.template.json'))).toBe(false);
  }, 120_000);
});
