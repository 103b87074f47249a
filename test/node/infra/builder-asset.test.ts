/**
 * The command hook that lays out the builder's asset like the repository, so the handler finds
 * the templates at `../templates/` from its own module both there and here.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../../scripts/local/edge';

describe("the builder's asset layout", () => {
  const script = join(root, 'infra', 'bundling', 'arrange-builder-asset.mjs');

  it('mirrors the repository: the bundle at builder/handler.mjs, templates beside builder/', () => {
    const repo = mkdtempSync(join(tmpdir(), 'nbhd-repo-'));
    const site = join(repo, 'templates', 'blog', 'site');
    mkdirSync(join(site, '_includes', 'layouts'), { recursive: true });
    writeFileSync(join(repo, 'templates', 'blog', 'template.ts'), 'export {};');
    writeFileSync(join(repo, 'templates', 'index.ts'), 'export {};');
    writeFileSync(join(site, '_includes', 'layouts', 'base.njk'), '<main>{{ content }}</main>');
    writeFileSync(join(site, 'style.css'), 'body{}');
    writeFileSync(join(site, 'posts.11tydata.js'), 'export default {};');
    const asset = mkdtempSync(join(tmpdir(), 'nbhd-asset-'));
    writeFileSync(join(asset, 'index.mjs'), 'export const handler = () => 1;');

    execFileSync(process.execPath, [script, repo, asset]);

    expect(readFileSync(join(asset, 'builder', 'handler.mjs'), 'utf8')).toContain('handler');
    expect(existsSync(join(asset, 'index.mjs'))).toBe(false);
    const copied = readdirSync(join(asset, 'templates'), { recursive: true, encoding: 'utf8' });
    expect(copied.filter((f) => /\.\w+$/.test(f)).sort()).toEqual(
      [
        join('blog', 'site', '_includes', 'layouts', 'base.njk'),
        join('blog', 'site', 'posts.11tydata.js'),
        join('blog', 'site', 'style.css'),
      ].sort(),
    );
  });

  it('fails the bundling when there is no bundle to move', () => {
    const asset = mkdtempSync(join(tmpdir(), 'nbhd-asset-'));
    expect(() =>
      execFileSync(process.execPath, [script, root, asset], { stdio: 'pipe' }),
    ).toThrow();
  });
});

describe("the builder's asset platform", () => {
  const script = join(root, 'infra', 'bundling', 'lambda-platform.mjs');
  const withSharp = (...img: string[]) => {
    const asset = mkdtempSync(join(tmpdir(), 'nbhd-asset-'));
    mkdirSync(join(asset, 'node_modules', 'sharp'), { recursive: true });
    for (const name of img)
      mkdirSync(join(asset, 'node_modules', '@img', name), { recursive: true });
    return asset;
  };

  it('tells npm the Lambda’s platform before the install, and takes the setting away after', () => {
    const asset = withSharp('sharp-linux-arm64', 'sharp-libvips-linux-arm64', 'colour');
    execFileSync(process.execPath, [script, 'npmrc', asset]);
    expect(readFileSync(join(asset, '.npmrc'), 'utf8')).toBe('os=linux\ncpu=arm64\nlibc=glibc\n');
    execFileSync(process.execPath, [script, 'check', asset]);
    expect(existsSync(join(asset, '.npmrc'))).toBe(false);
  });

  it('fails the bundling when this machine’s sharp was installed, or the arm64 one is missing', () => {
    for (const asset of [
      withSharp('sharp-linux-arm64', 'sharp-libvips-linux-arm64', 'sharp-linux-x64'),
      withSharp('sharp-linux-x64', 'sharp-libvips-linux-x64'),
    ]) {
      expect(() =>
        execFileSync(process.execPath, [script, 'check', asset], { stdio: 'pipe' }),
      ).toThrow(/linux-arm64 only/);
    }
  });
});
