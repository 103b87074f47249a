/**
 * Which code the builder runs, for the operator's health check: the
 * release in package.json, and a fingerprint of the module file this was
 * bundled into (in the Lambda, the bundle itself), so two deploys of the
 * same release still tell apart. Worked out on the first version request
 * only, never on a build's path, and then kept.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import packageJson from '../package.json' with { type: 'json' };
import type { BuilderAnswer } from '../core/builder-protocol';

let fingerprint: string | undefined;

/** The first 12 hex digits of the SHA-256 of this code's file; `unknown` if it cannot be read. */
function buildFingerprint(): string {
  try {
    const code = readFileSync(fileURLToPath(import.meta.url));
    return createHash('sha256').update(code).digest('hex').slice(0, 12);
  } catch {
    return 'unknown';
  }
}

export function builderVersion(): BuilderAnswer<'version'> {
  fingerprint ??= buildFingerprint();
  return { kind: 'version', version: packageJson.version, build: fingerprint };
}
