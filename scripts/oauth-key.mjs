#!/usr/bin/env node
/**
 * Makes the production OAuth client's signing key: an ES256 private key as
 * a JWK with a dated key id. The JSON goes to stdout so it can be piped
 * straight into `wrangler secret put OAUTH_PRIVATE_KEY`; it is never
 * written to disk. Rotate by making a new one and putting it the same way.
 */
import { exportJWK, generateKeyPair } from 'jose';

const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const jwk = await exportJWK(privateKey);
const kid = `nbhd-${new Date().toISOString().slice(0, 10)}`;
// `key_ops`, not `use`: the OAuth library warns that it will refuse `use` for signing keys.
process.stdout.write(`${JSON.stringify({ ...jwk, kid, alg: 'ES256', key_ops: ['sign'] })}\n`);
process.stderr.write(
  'ES256 private key written to stdout. Store it with:\n  npm run --silent oauth-key | npx wrangler secret put OAUTH_PRIVATE_KEY\n',
);
