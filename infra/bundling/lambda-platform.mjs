/**
 * Makes the builder's installed node_modules those of the Lambda (linux, arm64, glibc), not of
 * the machine running `cdk synth`. sharp ships its native code as per-platform optional
 * packages (`@img/sharp-<platform>` and `@img/sharp-libvips-<platform>`); npm installs only
 * the ones matching its `os`, `cpu` and `libc` settings, so a project `.npmrc` written beside
 * the asset's package.json before CDK's `npm ci` makes it fetch the arm64 ones on any machine,
 * without Docker. After the install the file is removed and the asset checked: any other
 * platform's sharp package fails the bundling rather than ship.
 *
 * Plain Node, no shell tools. Usage:
 *   `node lambda-platform.mjs npmrc <asset directory>`   before the install
 *   `node lambda-platform.mjs check <asset directory>`   after it
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { argv, exit, stderr } from 'node:process';

/** The Lambda's platform, as npm names it and as sharp's packages are suffixed. */
export const LAMBDA_PLATFORM = { os: 'linux', cpu: 'arm64', libc: 'glibc' };
const suffix = `${LAMBDA_PLATFORM.os}-${LAMBDA_PLATFORM.cpu}`;

const [step, out] = argv.slice(2);
if (!out || (step !== 'npmrc' && step !== 'check')) {
  stderr.write('usage: lambda-platform.mjs npmrc|check <asset directory>\n');
  exit(2);
}
const npmrc = join(out, '.npmrc');

if (step === 'npmrc') {
  const lines = Object.entries(LAMBDA_PLATFORM).map(([key, value]) => `${key}=${value}`);
  writeFileSync(npmrc, `${lines.join('\n')}\n`);
} else {
  rmSync(npmrc, { force: true });
  const img = join(out, 'node_modules', '@img');
  const found = existsSync(img) ? readdirSync(img) : [];
  const wanted = [`sharp-${suffix}`, `sharp-libvips-${suffix}`];
  const foreign = found.filter((name) => name.startsWith('sharp-') && !wanted.includes(name));
  const missing = wanted.filter((name) => !found.includes(name));
  if (existsSync(join(out, 'node_modules', 'sharp')) && (foreign.length || missing.length)) {
    stderr.write(
      `The builder's asset must hold sharp for ${suffix} only: ` +
        `missing ${missing.join(', ') || 'nothing'}, foreign ${foreign.join(', ') || 'nothing'}\n`,
    );
    exit(1);
  }
}
