/**
 * `npm run oauth-key` makes a key the OAuth library takes for a signing key
 * without warnings: an ES256 private JWK with a key id and `key_ops`
 * (the library will refuse a private key marked with `use`).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { JoseKey } from '@atproto/jwk-jose';
import { afterEach, describe, expect, it, vi } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/oauth-key.mjs', import.meta.url));

afterEach(() => vi.restoreAllMocks());

describe('npm run oauth-key', () => {
  it('writes an ES256 signing key the OAuth library accepts without a warning', async () => {
    const out = execFileSync(process.execPath, [script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const jwk = JSON.parse(out) as Record<string, unknown>;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', key_ops: ['sign'] });
    expect(jwk).not.toHaveProperty('use');
    expect(jwk.kid).toMatch(/^nbhd-\d{4}-\d{2}-\d{2}$/);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const key = await JoseKey.fromJWK(jwk, jwk.kid as string);
    expect(key.isPrivate).toBe(true);
    expect(key.algorithms).toContain('ES256');
    expect(warn).not.toHaveBeenCalled();
  });
});
